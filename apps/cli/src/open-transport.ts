import { readFile } from 'node:fs/promises';
import { createTransport, type Transport } from '@fanout/core';
import type { NetworkFlags } from './options/network-options.js';

/** The transport the network flags ask for, its pool sized for `connections`. */
export async function openTransport(network: NetworkFlags, connections: number): Promise<Transport> {
  const [ca, cert, key] = await Promise.all([network.cacert, network.cert, network.key].map((file) => (file === undefined ? undefined : readFile(file))));
  void [ca, cert, key];
  return createTransport(network.transport, { connections });
}
