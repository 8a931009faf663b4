import { startDemoUpstream, type DemoUpstream } from '@fanout/demo-upstream';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTransport, fanout, type FanoutOptions, type FetchResult, type RequestInput, type Transport, type TransportOptions } from '../../src/index.js';
import { byIndex, collect } from '../helpers.js';

/** Every fault is tried on each transport: they must agree on error classes, codes and attempts. */
export const TRANSPORTS = ['http1', 'axios', 'undici'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

const open: Transport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((transport) => transport.close()));
});

/** A fresh transport of that kind, closed after the test. */
export function transportFor(name: TransportName, options: TransportOptions = {}): Transport {
  const transport = createTransport(name, options);
  open.push(transport);
  return transport;
}

/** Starts one demo upstream for the file, with counters reset before each test. */
export function useUpstream(): { readonly upstream: DemoUpstream } {
  const holder = {} as { upstream: DemoUpstream };
  beforeAll(async () => {
    holder.upstream = await startDemoUpstream();
    // createTransport('undici' | 'axios') imports its package on the first request: import both
    // now, so that a fault's short timeout is not spent loading (and transforming) the package.
    const packages: readonly string[] = ['@fanout/undici', '@fanout/axios'];
    await Promise.all(packages.map((name) => import(name)));
  });
  beforeEach(() => holder.upstream.resetStats());
  afterAll(() => holder.upstream.close());
  return holder;
}

/**
 * Runs a fault next to two good requests, at the same time and on the same transport; returns
 * [before, fault, after]. `options` apply to the fault; the good ones get a generous timeout, so
 * that a tight timeout meant for the fault never fails them on a busy machine.
 */
export async function runBetweenGood(upstream: DemoUpstream, fault: RequestInput, options: FanoutOptions, transport: TransportName): Promise<FetchResult[]> {
  const shared = transportFor(transport);
  const good = [`${upstream.url}/posts/1`, `${upstream.url}/posts/2`];
  const [neighbours, faulty] = await Promise.all([
    collect(fanout(good, { concurrency: 2, ...options, timeout: 30_000, transport: shared })),
    collect(fanout([fault], { ...options, transport: shared })),
  ]);
  const [before, after] = byIndex(neighbours);
  return [before, faulty[0], after].filter((result): result is FetchResult => result !== undefined);
}

/** The error of a failed result (or undefined), for compact assertions. */
export function errorOf(result: FetchResult | undefined) {
  return result && !result.ok ? { name: result.error.name, code: result.error.code, attempts: result.attempts } : undefined;
}

/** True when both neighbours of the fault came back as the right posts. */
export function neighboursOk(results: FetchResult[]): boolean {
  const [first, , last] = results;
  return results.length === 3 && !!first?.ok && !!last?.ok && (first.data as { id: number }).id === 1 && (last.data as { id: number }).id === 2;
}
