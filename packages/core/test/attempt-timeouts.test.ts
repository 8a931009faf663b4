import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fanout, type FetchResult, type Transport, type TransportRequest, type TransportResponse } from '../src/index.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Answers `/fast/…` after 30 ms; `/hang/…` never answers, and rejects with the abort reason when aborted. */
function hangingTransport(): Transport {
  return {
    name: 'hanging-stub',
    send: (request: TransportRequest) =>
      new Promise<TransportResponse>((resolve, reject) => {
        request.onAbort(reject);
        if (request.url.includes('/fast/')) setTimeout(() => resolve({ status: 200, header: () => undefined, headers: () => ({}), body: '{}' }), 30);
      }),
    close: () => Promise.resolve(),
  };
}

describe('attempt timeouts (all of a run on one timer)', () => {
  it('times each attempt out `timeout` ms after it left, whenever it left, and never one that finished', async () => {
    const results: FetchResult[] = [];
    const urls = ['http://a.test/fast/1', 'http://a.test/hang/2', 'http://a.test/hang/3', 'http://a.test/fast/4'];
    fanout(urls, { concurrency: 2, timeout: 100, retry: 0, transport: hangingTransport() }).subscribe((r) => results.push(r));

    // 0: fast/1 and hang/2 leave. 30: fast/1 answers, hang/3 leaves. 100: hang/2 times out, fast/4 leaves.
    // 130: hang/3 times out, fast/4 answers.
    await vi.advanceTimersByTimeAsync(99);
    expect(results.map((r) => r.index)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(results.map((r) => r.index)).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(29);
    expect(results.map((r) => r.index)).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);

    const byIndex = [...results].sort((a, b) => a.index - b.index);
    expect(byIndex.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ETIMEDOUT', 'ETIMEDOUT', 'ok']);
    expect(byIndex.map((r) => Math.round(r.timing.wireMs))).toEqual([30, 100, 100, 30]);
  });

  it('leaves no timer behind once the run is over, so the process can exit', async () => {
    let done = false;
    fanout(['http://a.test/fast/1', 'http://a.test/hang/2'], { concurrency: 2, timeout: 10_000, retry: 0, transport: hangingTransport() }).subscribe({
      complete: () => (done = true),
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
