import { describe, expect, it } from 'vitest';
import { fanout, type FetchResult } from '../src/index.js';
import { startKneeServer } from './knee-server.js';

const CAPACITY = 8;
const MARGIN = 12;

describe("concurrency: 'auto' against a server with a capacity knee", () => {
  it('finds the knee: every request ok, at most 2 % shed, and once converged no more in flight than capacity + margin', { timeout: 60_000 }, async () => {
    const server = await startKneeServer({ capacity: CAPACITY, latency: 50, queue: 3 * CAPACITY });
    try {
      const urls = Array.from({ length: 600 }, (_, i) => `${server.url}/item/${i}`);
      const results: FetchResult[] = [];
      await new Promise<void>((resolve, reject) =>
        fanout(urls, { concurrency: 'auto' }).subscribe({
          next(result) {
            results.push(result);
            // Converged by now, on a busy machine too (at 200 it once was one over): count from here.
            if (results.length === 300) server.mark();
          },
          error: reject,
          complete: resolve,
        }),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(600);
      expect(server.shed).toBeLessThanOrEqual(12);
      expect(server.maxInFlight).toBeLessThanOrEqual(CAPACITY + MARGIN);
      // It used the capacity: the limit reached is at least the server's capacity.
      const limits = results.map((r) => r.concurrencyLimit ?? 0);
      expect(Math.max(...limits)).toBeGreaterThanOrEqual(CAPACITY);
    } finally {
      await server.close();
    }
  });

  it('backs off when the server can serve fewer at once mid-run', { timeout: 90_000 }, async () => {
    const server = await startKneeServer({ capacity: 16, latency: 50, queue: 48 });
    try {
      // The server slows down once the limit has grown to its capacity (not after a fixed count:
      // on a busy machine the limit may grow more slowly), and the run ends 450 results later.
      let slowedAt = -1;
      let limitWhenSlowed = 0;
      let enough = false;
      function* urls(): Generator<string> {
        for (let i = 0; i < 6000 && !enough; i++) yield `${server.url}/item/${i}`;
      }
      const results: FetchResult[] = [];
      await new Promise<void>((resolve, reject) =>
        fanout(urls(), { concurrency: 'auto' }).subscribe({
          next(result) {
            results.push(result);
            if (slowedAt < 0 && (result.concurrencyLimit ?? 0) >= 16) {
              slowedAt = results.length;
              limitWhenSlowed = result.concurrencyLimit ?? 0;
              server.capacity = 4; // the server slows down
            }
            if (slowedAt >= 0 && results.length === slowedAt + 350) server.mark();
            if (slowedAt >= 0 && results.length >= slowedAt + 450) enough = true;
          },
          error: reject,
          complete: resolve,
        }),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(slowedAt).toBeGreaterThan(0); // the limit grew to the server's capacity first
      const after = Math.max(...results.slice(-100).map((r) => r.concurrencyLimit ?? 0));
      expect(after).toBeLessThanOrEqual(4 + MARGIN);
      expect(after).toBeLessThan(limitWhenSlowed); // it came down
      expect(server.maxInFlight).toBeLessThanOrEqual(4 + MARGIN);
    } finally {
      await server.close();
    }
  });
});
