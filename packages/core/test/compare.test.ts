import { describe, expect, it } from 'vitest';
import { compare, type RunMode } from '../src/index.js';
import { useHeldServer } from './held-server.js';

const held = useHeldServer();

describe('compare', () => {
  it('runs sequentially (one in flight) then concurrently (all in flight); the speedup never exceeds the ideal', async () => {
    const urls = [1, 2, 3, 4, 5].map((id) => `${held.server.url}/posts/${id}`);
    const seen: RunMode[] = [];
    const maxInFlight: Partial<Record<RunMode, number>> = {};
    // Sequential: each request is answered alone. Concurrent: held until all 5 are in flight.
    held.server.releaseWhen(1);
    const comparison = await compare(urls, {
      concurrency: 5,
      onResult: (mode, result) => {
        if (!seen.includes(mode)) seen.push(mode);
        maxInFlight[mode] = held.server.maxInFlight;
        if (mode === 'sequential' && result.index === 4) {
          held.server.resetStats();
          held.server.releaseWhen(5);
        }
      },
    });
    expect(seen).toEqual(['sequential', 'concurrent']);
    expect(maxInFlight).toEqual({ sequential: 1, concurrent: 5 });
    expect(comparison.sequential).toMatchObject({ count: 5, ok: 5 });
    expect(comparison.concurrent).toMatchObject({ count: 5, ok: 5 });
    expect(comparison.speedup).toBeCloseTo(comparison.sequential.wallMs / comparison.concurrent.wallMs, 1);
    expect(comparison.speedup).toBeLessThanOrEqual(comparison.idealSpeedup);
  });
});
