import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanout, summarizeRun, type FetchResult, type LimitPoint } from '../src/index.js';
import { SERIES_CAP } from '../src/stats/host-limits.js';
import { startKneeServer } from './knee-server.js';

const MAX = 48;

describe("concurrency: 'auto' with timeline: the limit's changes over time", () => {
  it('records a bounded series per host, in time order, within [1, maxConcurrency], ending at the reported limit', async () => {
    const server = await startKneeServer({ capacity: 8, latency: 20, queue: 24 });
    try {
      const urls = Array.from({ length: 400 }, (_, i) => `${server.url}/item/${i}`);
      const results: FetchResult[] = [];
      const summary = await lastValueFrom(
        fanout(urls, { concurrency: 'auto', maxConcurrency: MAX, timeline: true }).pipe(summarizeRun((result) => results.push(result))),
      );
      const host = new URL(server.url).host;
      const reported = summary.concurrencyLimits?.[host];
      if (!reported) throw new Error(`no limit reported for ${host}: ${JSON.stringify(summary.concurrencyLimits)}`);

      // The results' pieces, put together, are the whole series; the summary keeps it bounded.
      const pieces: LimitPoint[] = results.flatMap((r) => r.timeline?.limit ?? []);
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces[0]?.limit).toBe(4); // where the limit starts
      for (const series of [pieces, reported.series]) {
        for (let i = 1; i < series.length; i++) expect(series[i]?.at).toBeGreaterThanOrEqual(series[i - 1]?.at ?? Infinity);
        for (const { limit } of series) {
          expect(limit).toBeGreaterThanOrEqual(1);
          expect(limit).toBeLessThanOrEqual(MAX);
        }
      }
      // Only changes are recorded: no two neighbours hold the same limit (the summary's copy may be thinned).
      for (let i = 1; i < pieces.length; i++) expect(pieces[i]?.limit).not.toBe(pieces[i - 1]?.limit);
      expect(reported.series.length).toBeGreaterThan(1);
      expect(reported.series.length).toBeLessThanOrEqual(SERIES_CAP);
      expect(reported.series.at(-1)?.limit).toBe(reported.limit);
      expect(pieces.at(-1)?.limit).toBe(reported.limit);
      // The last result made says the same limit as the summary.
      expect(results.at(-1)?.concurrencyLimit).toBe(reported.limit);
      expect(reported.peak).toBe(Math.max(...pieces.map((p) => p.limit)));
      expect(reported.min).toBe(Math.min(...pieces.map((p) => p.limit)));
    } finally {
      await server.close();
    }
  });
});
