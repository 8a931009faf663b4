import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanout, summarizeRun, type FetchResult } from '../src/index.js';
import { startKneeServer } from './knee-server.js';

describe("concurrency: 'auto' without timeline", () => {
  it('reports the limit per host in the summary but records no series', async () => {
    const server = await startKneeServer({ capacity: 8, latency: 5, queue: 24 });
    try {
      const urls = Array.from({ length: 60 }, (_, i) => `${server.url}/item/${i}`);
      const results: FetchResult[] = [];
      const summary = await lastValueFrom(fanout(urls, { concurrency: 'auto' }).pipe(summarizeRun((result) => results.push(result))));
      const reported = summary.concurrencyLimits?.[new URL(server.url).host];
      expect(reported?.limit).toBe(results.at(-1)?.concurrencyLimit);
      expect(reported?.peak).toBe(Math.max(...results.map((r) => r.concurrencyLimit ?? 0)));
      expect(reported?.series).toEqual([]);
      expect(results.every((r) => r.timeline === undefined)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
