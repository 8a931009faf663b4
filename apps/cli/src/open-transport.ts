import { readFile } from 'node:fs/promises';
import { createTransport, type Transport } from '@fanout/core';
import type { NetworkFlags } from './options/network-options.js';
import { optimiseWasmLater } from './wasm-tiering.js';

/** The transport the network flags ask for (proxy, TLS files read here), its pool sized for `connections`. */
export async function openTransport(network: NetworkFlags, connections: number): Promise<Transport> {
  optimiseWasmLater();
  const read = (file: string | undefined) => (file === undefined ? undefined : readFile(file));
  const [ca, cert, key] = await Promise.all([read(network.cacert), read(network.cert), read(network.key)]);
  return createTransport(network.transport, {
    connections,
    proxy: network.proxy,
    noProxy: network.noproxy,
    tls: { rejectUnauthorized: !network.insecure, ca, cert, key },
  });
}
