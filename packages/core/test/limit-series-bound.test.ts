import { describe, expect, it } from 'vitest';
import { SummaryBuilder, type FetchResult } from '../src/index.js';
import { SERIES_CAP } from '../src/stats/host-limits.js';

/** A result of host `a.test` whose timeline carries `points` limit changes from `t`. */
function result(index: number, t: number, points: number): FetchResult {
  const limit = Array.from({ length: points }, (_, i) => ({ at: t + i, limit: 1 + ((t + i) % 40) }));
  return {
    index,
    url: `http://a.test/${index}`,
    ok: true,
    status: 200,
    attempts: 1,
    data: null,
    timing: { start: t, end: t + points, ms: points, queuedMs: 0, wireMs: points },
    concurrencyLimit: limit.at(-1)?.limit ?? 4,
    timeline: { attempts: [], limit },
  };
}

describe("the summary's limit series stays bounded however long the run", () => {
  it('thins past the cap, keeping the first point, the last and time order', () => {
    const builder = new SummaryBuilder();
    for (let i = 0; i < 500; i++) builder.add(result(i, i * 10, 10)); // 5000 changes
    const reported = builder.build(1000).concurrencyLimits?.['a.test'];
    if (!reported) throw new Error('no limit reported');
    expect(reported.series.length).toBeLessThanOrEqual(SERIES_CAP);
    expect(reported.series.length).toBeGreaterThan(SERIES_CAP / 4);
    expect(reported.series[0]).toEqual({ at: 0, limit: 1 });
    expect(reported.series.at(-1)).toEqual({ at: 4999, limit: 1 + (4999 % 40) });
    expect(reported.series.at(-1)?.limit).toBe(reported.limit);
    for (let i = 1; i < reported.series.length; i++) expect(reported.series[i]?.at).toBeGreaterThan(reported.series[i - 1]?.at ?? Infinity);
    expect([reported.min, reported.peak]).toEqual([1, 40]);
  });
});
