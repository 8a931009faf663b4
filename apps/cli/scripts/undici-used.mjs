// What @fanout/core imports from undici, taken from the modules that define it: undici's
// index loads everything (fetch, WebSocket, mocks, caches: ~3x the code) and, through
// `globalThis.Headers`, Node's own copy of undici too. bundle.mjs resolves `undici` here;
// an import core adds that is missing below fails the bundle ("No matching export").
export { default as Agent } from 'undici/lib/dispatcher/agent.js';
export { default as buildConnector } from 'undici/lib/core/connect.js';
import redirect from 'undici/lib/interceptor/redirect.js';

export const interceptors = { redirect };
