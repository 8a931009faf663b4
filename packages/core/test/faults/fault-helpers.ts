import { startDemoUpstream, type DemoUpstream } from '@fanout/demo-upstream';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fanout, type FanoutOptions, type FetchResult, type RequestInput } from '../../src/index.js';
import { byIndex, collect } from '../helpers.js';

/** Starts one demo upstream for the file, with counters reset before each test. */
export function useUpstream(): { readonly upstream: DemoUpstream } {
  const holder = {} as { upstream: DemoUpstream };
  beforeAll(async () => {
    holder.upstream = await startDemoUpstream();
  });
  beforeEach(() => holder.upstream.resetStats());
  afterAll(() => holder.upstream.close());
  return holder;
}

/** Runs a batch where a fault sits between two good requests; returns [before, fault, after]. */
export async function runBetweenGood(upstream: DemoUpstream, fault: RequestInput, options: FanoutOptions): Promise<FetchResult[]> {
  const results = await collect(fanout([`${upstream.url}/posts/1`, fault, `${upstream.url}/posts/2`], { concurrency: 3, ...options }));
  return byIndex(results);
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
