import { axiosTransport } from './axios-transport.js';
import { http1Transport } from './http1-transport.js';
import type { Transport } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { undiciTransport } from './undici-transport.js';

/** The built-in transports, by name (for `--transport` flags and config). */
export const TRANSPORT_NAMES = ['http1', 'undici', 'axios'] as const;
export type TransportName = (typeof TRANSPORT_NAMES)[number];

/**
 * A built-in transport by name, with the options every transport takes (pool size, proxy, TLS).
 *
 * @example
 * fanout(urls, { concurrency: 64, transport: createTransport('http1', { connections: 64 }) });
 */
export function createTransport(name: TransportName, options: TransportOptions = {}): Transport {
  return name === 'http1' ? http1Transport(options) : name === 'undici' ? undiciTransport(options) : axiosTransport(options);
}

/**
 * The transport a run makes when it is given none: fanout's own HTTP/1.1 client, its pool per origin no larger than
 * the requests that may be in flight to one host. With a larger pool, a request let go as
 * another finishes would open a new connection before the finished one's socket is back.
 */
export function defaultTransport(concurrency: number, perHost = Infinity): Transport {
  return createTransport('http1', { connections: Math.min(concurrency, perHost) });
}
