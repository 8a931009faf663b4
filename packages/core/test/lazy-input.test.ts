import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanout, type FetchResult } from '../src/index.js';
import { API, viaNock } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function interceptAll(count: number): void {
  nock(API).get(/\/n\/\d+/).times(count).delay(2).reply(200, {});
}

async function runCountingAhead(source: (onPull: () => void) => Iterable<string> | AsyncIterable<string>, concurrency: number, ordered = false) {
  let pulled = 0;
  let done = 0;
  let maxAhead = 0;
  const results: FetchResult[] = [];
  await new Promise<void>((resolve, reject) =>
    fanout(source(() => {
      pulled++;
      maxAhead = Math.max(maxAhead, pulled - done);
    }), { concurrency, ordered, ...viaNock }).subscribe({
      next: (result) => {
        done++;
        results.push(result);
      },
      error: reject,
      complete: resolve,
    }),
  );
  return { pulled, maxAhead, results };
}

describe('inputs are pulled lazily (rxjs has no backpressure of its own)', () => {
  it('pulls a sync iterable at most one item beyond the concurrency window', async () => {
    interceptAll(300);
    function* urls(onPull: () => void) {
      for (let i = 0; i < 300; i++) {
        onPull();
        yield `${API}/n/${i}`;
      }
    }
    const { pulled, maxAhead, results } = await runCountingAhead(urls, 10);
    expect(pulled).toBe(300);
    expect(results).toHaveLength(300);
    expect(maxAhead).toBeLessThanOrEqual(11);
  });

  it('pulls an async iterable (a file of lines) at most one item beyond the window', async () => {
    interceptAll(300);
    async function* urls(onPull: () => void) {
      for (let i = 0; i < 300; i++) {
        await Promise.resolve();
        onPull();
        yield `${API}/n/${i}`;
      }
    }
    const { maxAhead, results } = await runCountingAhead(urls, 10);
    expect(results).toHaveLength(300);
    expect(maxAhead).toBeLessThanOrEqual(11);
  });

  it('keeps ordered output within the window too, and emits in input order', async () => {
    nock(API).get('/n/0').delay(60).reply(200, {});
    nock(API).get(/\/n\/\d+/).times(100).delay(3).reply(200, {});
    function* urls(onPull: () => void) {
      onPull();
      yield `${API}/n/0`;
      for (let i = 1; i < 101; i++) {
        onPull();
        yield `${API}/n/${i}`;
      }
    }
    const { maxAhead, results } = await runCountingAhead(urls, 8, true);
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(maxAhead).toBeLessThanOrEqual(9);
  });
});
