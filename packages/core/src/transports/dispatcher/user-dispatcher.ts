import type { Dispatcher } from './dispatcher-protocol.js';

/** Where undici (and Node's own `fetch`) keep the global dispatcher: `setGlobalDispatcher` sets it. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

let seen: unknown;
let chosen: Dispatcher | undefined;

/**
 * The dispatcher the user set with undici's `setGlobalDispatcher` (a `MockAgent` in tests, a
 * `ProxyAgent` or `EnvHttpProxyAgent` in production, any other dispatcher), for the default
 * transport to send through as `fetch` does; `undefined` when there is none. Read from the
 * global symbol, so undici is never loaded to ask. The plain `Agent` undici or Node's `fetch`
 * installs on first use is not one the user set: it is left alone (fanout's own pool does what it
 * would); a user's own plain `Agent` is therefore not taken either.
 */
export function userDispatcher(): Dispatcher | undefined {
  const current = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  if (current !== seen) {
    seen = current;
    const dispatcher = current as Dispatcher | undefined;
    chosen = dispatcher !== undefined && typeof dispatcher?.dispatch === 'function' && dispatcher.constructor?.name !== 'Agent' ? dispatcher : undefined;
  }
  return chosen;
}
