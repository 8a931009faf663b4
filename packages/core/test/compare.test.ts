import { startDemoUpstream } from '@fanout/demo-upstream';
import { describe, expect, it } from 'vitest';
import { compare, type RunMode } from '../src/index.js';

describe('compare', () => {
  it('runs sequentially (one in flight) then concurrently (all in flight), and reports the ratio of wall times', async () => {
    const upstream = await startDemoUpstream({ latency: 30 });
    try {
      const urls = [1, 2, 3, 4, 5].map((id) => `${upstream.url}/posts/${id}`);
      const seen: RunMode[] = [];
      const maxInFlight: number[] = [];
      const comparison = await compare(urls, {
        concurrency: 5,
        onResult: (mode, result) => {
          if (!seen.includes(mode)) {
            seen.push(mode);
          }
          if (result.index === 4 || mode === 'concurrent') maxInFlight[mode === 'sequential' ? 0 : 1] = upstream.stats.maxInFlight;
          if (mode === 'sequential' && result.index === 4) upstream.resetStats();
        },
      });
      expect(seen).toEqual(['sequential', 'concurrent']);
      expect(maxInFlight).toEqual([1, 5]);
      expect(comparison.sequential).toMatchObject({ count: 5, ok: 5 });
      expect(comparison.concurrent).toMatchObject({ count: 5, ok: 5 });
      expect(comparison.speedup).toBeCloseTo(comparison.sequential.wallMs / comparison.concurrent.wallMs, 10);
    } finally {
      await upstream.close();
    }
  });
});
