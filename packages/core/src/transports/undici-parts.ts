import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

/**
 * One part of undici, loaded when first used: its own file when it is where undici 7 keeps it,
 * else from the package root. The root loads all of undici (fetch, WebSocket, caches, mocks:
 * ~70 ms of start-up) where a transport needs its dispatcher only (~25 ms). Both ways give the
 * same module instance, as the root requires these very files.
 */
function part<T>(file: string, fromRoot: (undici: typeof Undici) => T): T {
  try {
    return require(`undici/lib/${file}`) as T;
  } catch {
    return fromRoot(require('undici') as typeof Undici);
  }
}

/** undici's `Agent` (a keep-alive pool per origin). */
export const loadAgent = (): typeof Undici.Agent => part('dispatcher/agent.js', (undici) => undici.Agent);

/** undici's `buildConnector` (for a proxy's tunnels). */
export const loadBuildConnector = (): typeof Undici.buildConnector => part('core/connect.js', (undici) => undici.buildConnector);

/** undici's redirect interceptor (`followRedirects`). */
export const loadRedirectInterceptor = (): typeof Undici.interceptors.redirect => part('interceptor/redirect.js', (undici) => undici.interceptors.redirect);
