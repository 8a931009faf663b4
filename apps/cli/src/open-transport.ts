import { readFile } from 'node:fs/promises';
import { createTransport, type Transport } from '@fanout/core';
import { keepHeapGrowthSmall } from './heap-growth.js';
import type { NetworkFlags } from './options/network-options.js';
import { optimiseWasmLater } from './wasm-tiering.js';

/**
 * The transport the network flags ask for (proxy, TLS files read here), its pool sized for
 * `connections`; V8 set up for a run of many requests first (`run`, `worker`).
 */
export async function openTransport(network: NetworkFlags, connections: number): Promise<Transport> {
  optimiseWasmLater();
  keepHeapGrowthSmall();
  const read = (file: string | undefined) => (file === undefined ? undefined : readFile(file));
  const [ca, cert, key] = await Promise.all([read(network.cacert), read(network.cert), read(network.key)]);
  return createTransport(network.transport, {
    connections,
    proxy: network.proxy,
    noProxy: network.noproxy,
    tls: { rejectUnauthorized: !network.insecure, ca, cert, key },
    ...(network['http1.1'] === true ? { httpVersion: '1.1' as const } : {}),
  });
}
