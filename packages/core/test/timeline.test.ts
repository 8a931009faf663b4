import { describe, expect, it, vi } from 'vitest';
import { fanout, type FetchResult, type Transport } from '../src/index.js';

/** Answers after 100 ms: 503 for the first attempt at `/flaky`, else 200. */
function stubTransport(): Transport {
  const seen = new Set<string>();
  return {
    name: 'stub',
    send: (request) =>
      new Promise((resolve) => {
        const first = !seen.has(request.url);
        seen.add(request.url);
        const status = first && request.url.endsWith('/flaky') ? 503 : 200;
        setTimeout(() => resolve({ status, header: () => undefined, headers: () => ({}), body: '{}' }), 100);
      }),
    close: () => Promise.resolve(),
  };
}

async function run(urls: string[], timeline: boolean | undefined): Promise<FetchResult[]> {
  const results: FetchResult[] = [];
  fanout(urls, { concurrency: 1, transport: stubTransport(), timeline, retry: { limit: 1, backoff: { base: 50, max: 50 } } }).subscribe((r) => results.push(r));
  await vi.advanceTimersByTimeAsync(1_000);
  return results;
}

describe('timeline option: each attempt on the wire, recorded', () => {
  it('records one span per attempt, inside the request, queue and backoff outside them', async () => {
    vi.useFakeTimers();
    try {
      const [first, second] = await run(['http://a.test/flaky', 'http://a.test/ok'], true);
      if (!first || !second) throw new Error(`expected 2 results, got ${[first, second].filter(Boolean).length}`);
      expect(first.attempts).toBe(2);
      const [one, two] = first.timeline?.attempts ?? [];
      if (!one || !two) throw new Error('expected 2 attempt spans');
      expect([one, two].map((s) => Math.round(s.end - s.start))).toEqual([100, 100]);
      // The second attempt starts after the first ended (backoff between them), all inside the request.
      expect(two.start).toBeGreaterThanOrEqual(one.end);
      expect(one.start).toBeGreaterThanOrEqual(first.timing.start);
      expect(two.end).toBeLessThanOrEqual(first.timing.end);
      // Concurrency 1: the second input's only attempt starts after the first request ended.
      expect(second.timeline?.attempts).toHaveLength(1);
      expect(second.timeline?.attempts[0]?.start).toBeGreaterThanOrEqual(first.timing.end);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is absent without the option', async () => {
    vi.useFakeTimers();
    try {
      const results = await run(['http://a.test/flaky'], undefined);
      expect(results[0]?.attempts).toBe(2);
      expect(results[0]).not.toHaveProperty('timeline');
    } finally {
      vi.useRealTimers();
    }
  });
});
