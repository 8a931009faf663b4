import { http1Transport } from './http1-transport.js';
import { loadTransportPackage } from './transport-package.js';
import type { Transport } from './transport.js';
import type { TransportOptions } from './transport-options.js';

/** The built-in transports, by name (for `--transport` flags and config). */
export const TRANSPORT_NAMES = ['http1', 'undici', 'axios'] as const;
export type TransportName = (typeof TRANSPORT_NAMES)[number];

/**
 * A transport by name, with the options every transport takes (pool size, proxy, TLS).
 * `http1` is core's own; `undici` and `axios` are the packages `@fanout/undici` and
 * `@fanout/axios`, imported by name when the transport is first used (install the one you name:
 * without it, every request fails with `TransportNotInstalledError`, code `ETRANSPORTMISSING`).
 *
 * @example
 * fanout(urls, { concurrency: 64, transport: createTransport('http1', { connections: 64 }) });
 */
export function createTransport(name: TransportName, options: TransportOptions = {}): Transport {
  return name === 'http1' ? http1Transport(options) : loadTransportPackage(name, options);
}

/**
 * The transport `FANOUT_TRANSPORT` names (`http1`, `undici` or `axios`), else `http1`: what a run
 * uses when it is given none. Throws a `RangeError` naming the variable for any other value.
 */
export function defaultTransportName(env: NodeJS.ProcessEnv = process.env): TransportName {
  const value = env.FANOUT_TRANSPORT?.trim();
  if (value === undefined || value === '') return 'http1';
  if ((TRANSPORT_NAMES as readonly string[]).includes(value)) return value as TransportName;
  throw new RangeError(`FANOUT_TRANSPORT must be one of ${TRANSPORT_NAMES.join(', ')}; got ${JSON.stringify(value.slice(0, 40))}`);
}

/**
 * The transport a run makes when it is given none: the one `FANOUT_TRANSPORT` names, by default
 * fanout's own HTTP/1.1 client, its pool per origin no larger than the requests that may be in
 * flight to one host. With a larger pool, a request let go as another finishes would open a new
 * connection before the finished one's socket is back.
 */
export function defaultTransport(concurrency: number, perHost = Infinity): Transport {
  return createTransport(defaultTransportName(), { connections: Math.min(concurrency, perHost) });
}
