import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp({ latency: 40 });

interface CompareRecord {
  readonly run?: 'sequential' | 'concurrent';
  readonly id?: number;
  readonly index?: number;
  readonly ok?: boolean;
  readonly startMs?: number;
  readonly ms?: number;
  readonly comparison?: { concurrency: number; sequential: { count: number }; concurrent: { count: number }; speedup: number };
}

describe('GET /api/compare/stream', () => {
  it('streams both runs live, each result tagged with its run, id and start, then the comparison', async () => {
    const response = await fetch(`${ctx.url}/api/compare/stream?ids=4,8,15&concurrency=3`);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('x-input-count')).toBe('3');
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as CompareRecord);
    expect(lines).toHaveLength(7);
    const sequential = lines.slice(0, 3);
    const concurrent = lines.slice(3, 6);
    expect(sequential.map((r) => [r.run, r.index, r.id])).toEqual([
      ['sequential', 0, 4],
      ['sequential', 1, 8],
      ['sequential', 2, 15],
    ]);
    expect(concurrent.every((r) => r.run === 'concurrent' && r.ok)).toBe(true);
    expect(concurrent.map((r) => r.id).sort((a = 0, b = 0) => a - b)).toEqual([4, 8, 15]);
    // Sequential: each starts once the one before has ended (times are rounded to 0.1 ms).
    for (let i = 1; i < 3; i++) {
      const before = sequential[i - 1] as Required<Pick<CompareRecord, 'startMs' | 'ms'>>;
      expect(sequential[i]?.startMs).toBeGreaterThanOrEqual(before.startMs + before.ms - 0.2);
    }
    // Each run's times count from its own start: the concurrent run's requests start near 0, not
    // after the sequential run (whose third request started two 40 ms answers in).
    expect(Math.max(...concurrent.map((r) => r.startMs ?? Infinity))).toBeLessThan(sequential[2]?.startMs ?? 0);
    expect(lines[6]?.comparison).toMatchObject({ concurrency: 3, sequential: { count: 3 }, concurrent: { count: 3 } });
    expect(ctx.upstream.stats.requests).toBe(6);
  });

  it('streams SSE with result events and a comparison event last', async () => {
    const response = await fetch(`${ctx.url}/api/compare/stream?ids=1,2`, { headers: { accept: 'text/event-stream' } });
    const events = (await response.text()).trim().split('\n\n');
    expect(events.map((e) => e.split('\n')[0])).toEqual(['event: result', 'event: result', 'event: result', 'event: result', 'event: comparison']);
    expect(JSON.parse(events[4]?.split('\n')[1]?.slice('data: '.length) ?? '')).toMatchObject({ concurrency: 8, speedup: expect.any(Number) });
  });
});
