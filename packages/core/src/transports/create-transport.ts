import { axiosTransport } from './axios-transport.js';
import type { Transport } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { undiciTransport } from './undici-transport.js';

/** The built-in transports, by name (for `--transport` flags and config). */
export const TRANSPORT_NAMES = ['undici', 'axios'] as const;
export type TransportName = (typeof TRANSPORT_NAMES)[number];

/**
 * A built-in transport by name, with the options every transport takes (pool size, proxy, TLS).
 *
 * @example
 * fanout(urls, { concurrency: 64, transport: createTransport('undici', { connections: 64 }) });
 */
export function createTransport(name: TransportName, options: TransportOptions = {}): Transport {
  return name === 'undici' ? undiciTransport(options) : axiosTransport(options);
}
