import { readFile } from 'node:fs/promises';
import { http1Transport, type Transport, type TransportName, type TransportOptions } from '@fanout/core';
import { keepHeapGrowthSmall } from '../process/heap-growth.js';
import type { NetworkFlags } from '../options/network-options.js';
import { optimiseWasmLater } from '../process/wasm-tiering.js';

/**
 * The transport the network flags ask for (proxy, TLS files read here), its pool sized for
 * `connections`; V8 set up for a run of many requests first (`run`, `worker`). `undici` and
 * `axios` are their own packages, bundled with the CLI and loaded only when named (undici with
 * V8's WebAssembly tiering budget raised first: see wasm-tiering.ts).
 */
export async function openTransport(network: NetworkFlags, connections: number): Promise<Transport> {
  keepHeapGrowthSmall();
  const read = (file: string | undefined) => (file === undefined ? undefined : readFile(file));
  const [ca, cert, key] = await Promise.all([read(network.cacert), read(network.cert), read(network.key)]);
  return makeTransport(network.transport, {
    connections,
    proxy: network.proxy,
    noProxy: network.noproxy,
    tls: { rejectUnauthorized: !network.insecure, ca, cert, key },
    ...(network['http1.1'] === true ? { httpVersion: '1.1' as const } : {}),
  });
}

async function makeTransport(name: TransportName, options: TransportOptions): Promise<Transport> {
  if (name === 'undici') {
    optimiseWasmLater();
    return (await import('@fanout/undici')).undiciTransport(options);
  }
  if (name === 'axios') return (await import('@fanout/axios')).axiosTransport(options);
  return http1Transport(options);
}
