import { describe, expect, it } from 'vitest';
import { getJson, useApp } from './app-fixture.js';

const ctx = useApp({ latency: 5 });

describe('GET /api/sweep and /api/sweep/stream', () => {
  it('runs the ids at concurrency 1, 2, 4, … up to the one given and names the knee as best', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/sweep?ids=1-6&concurrency=6`);
    expect(status).toBe(200);
    const levels = body.sweep as { concurrency: number; throughput: number; p95: number }[];
    expect(levels.map((level) => level.concurrency)).toEqual([1, 2, 4, 6]);
    for (const level of levels) expect(level).toEqual({ concurrency: level.concurrency, throughput: expect.any(Number), p95: expect.any(Number) });
    // The knee: the lowest level within 90 % of the top throughput.
    const top = Math.max(...levels.map((level) => level.throughput));
    expect(body.best).toBe(levels.find((level) => level.throughput >= 0.9 * top)?.concurrency);
    expect(body.complete).toBe(true);
    expect(ctx.upstream.stats.requests).toBe(6 * 4);
  });

  it('streams progress per result, each level as it ends, then the sweep', async () => {
    const response = await fetch(`${ctx.url}/api/sweep/stream?ids=1-3&concurrency=2`);
    expect(response.headers.get('x-sweep-levels')).toBe('1,2');
    expect(response.headers.get('x-input-count')).toBe('3');
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, { concurrency: number; done?: number; failed?: number }>);
    expect(lines.map((line) => Object.keys(line)[0])).toEqual(['progress', 'progress', 'progress', 'level', 'progress', 'progress', 'progress', 'level', 'sweep']);
    expect(lines.slice(0, 3).map((line) => line.progress)).toEqual([1, 2, 3].map((done) => ({ concurrency: 1, done, count: 3 })));
    expect(lines[7]?.level).toMatchObject({ concurrency: 2, failed: 0 });
    expect(lines[8]).toMatchObject({ sweep: [{ concurrency: 1 }, { concurrency: 2 }], complete: true });
  });
});
