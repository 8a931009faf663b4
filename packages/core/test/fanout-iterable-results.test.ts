import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanoutIterable, type FetchResult } from '../src/index.js';
import { echo, startHttpServer, useServer, type Echo } from './network/network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

async function all<T>(iterable: AsyncIterable<FetchResult<T>>): Promise<FetchResult<T>[]> {
  const results: FetchResult<T>[] = [];
  for await (const result of iterable) results.push(result);
  return results;
}

describe('fanoutIterable: fanout for `for await`', () => {
  it('gives one typed result per input, in input order with `ordered`', async () => {
    const urls = [1, 2, 3, 4, 5].map((n) => `${ctx.server.url}/item/${n}`);
    const results = await all(fanoutIterable<Echo>(urls, { concurrency: 2, ordered: true }));
    expect(results.map((r) => (r.ok ? r.data.url : r.error.code))).toEqual(['/item/1', '/item/2', '/item/3', '/item/4', '/item/5']);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes any input fanout takes: async iterables and Observables, failures as results', async () => {
    async function* lines() {
      yield `${ctx.server.url}/a`;
      yield 'not a url';
    }
    const fromGenerator = await all(fanoutIterable(lines()));
    expect(fromGenerator.map((r) => r.ok).sort()).toEqual([false, true]);
    const fromObservable = await all(fanoutIterable(of(`${ctx.server.url}/b`)));
    expect(fromObservable).toHaveLength(1);
  });

  it('throws a RangeError for invalid options at the call, as fanout does', () => {
    expect(() => fanoutIterable([], { concurrency: 0 })).toThrow(RangeError);
  });

  it('answers next() calls made before the earlier ones settled, each with its own result', async () => {
    const iterator = fanoutIterable([`${ctx.server.url}/x/1`, `${ctx.server.url}/x/2`]);
    const steps = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    expect(steps.map((step) => step.done)).toEqual([false, false, true]);
    expect(new Set(steps.slice(0, 2).map((step) => (step.done ? -1 : step.value.index)))).toEqual(new Set([0, 1]));
  });

  it('ends at once for no inputs, and stays ended', async () => {
    const iterator = fanoutIterable([]);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
