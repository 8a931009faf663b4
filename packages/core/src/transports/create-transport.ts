import { axiosTransport } from './axios-transport.js';
import type { Transport } from './transport.js';
import { undiciTransport } from './undici-transport.js';

/** The built-in transports, by name (for `--transport` flags and config). */
export const TRANSPORT_NAMES = ['axios', 'undici'] as const;
export type TransportName = (typeof TRANSPORT_NAMES)[number];

/**
 * A built-in transport by name, its pool sized for `connections` requests at once.
 *
 * @example
 * fanout(urls, { concurrency: 64, transport: createTransport('undici', 64) });
 */
export function createTransport(name: TransportName, connections: number): Transport {
  return name === 'undici' ? undiciTransport({ connections }) : axiosTransport({ maxSockets: connections });
}
