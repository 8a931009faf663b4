import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanout, summarizeRun } from '../src/index.js';
import { startKneeServer } from './knee-server.js';

describe("concurrency: 'auto' with timeline and ordered results", () => {
  it('still gives the series in time order, ending at the reported limit', async () => {
    const server = await startKneeServer({ capacity: 8, latency: 10, queue: 24 });
    try {
      const urls = Array.from({ length: 200 }, (_, i) => `${server.url}/item/${i}`);
      const summary = await lastValueFrom(fanout(urls, { concurrency: 'auto', timeline: true, ordered: true }).pipe(summarizeRun()));
      const reported = summary.concurrencyLimits?.[new URL(server.url).host];
      if (!reported) throw new Error('no limit reported');
      expect(reported.series.length).toBeGreaterThan(1);
      for (let i = 1; i < reported.series.length; i++) expect(reported.series[i]?.at).toBeGreaterThanOrEqual(reported.series[i - 1]?.at ?? Infinity);
      expect(reported.series.at(-1)?.limit).toBe(reported.limit);
    } finally {
      await server.close();
    }
  });
});
