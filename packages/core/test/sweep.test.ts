import { describe, expect, it } from 'vitest';
import { sweep, type SweepLevel } from '../src/index.js';
import { useHeldServer } from './held-server.js';

const held = useHeldServer();
const urls = (n: number) => Array.from({ length: n }, (_, i) => `${held.server.url}/posts/${i + 1}`);

describe('sweep', () => {
  it('runs every input once per level 1, 2, 4, … up to the maximum, each level at its own concurrency (counted at the server)', async () => {
    const seen: Record<number, { results: number; maxInFlight: number }> = {};
    const levels: SweepLevel[] = [];
    // Each level's requests are held until the level's concurrency is in flight at once.
    held.server.releaseWhen(1);
    const result = await sweep(urls(8), {
      concurrency: 8,
      onResult(concurrency) {
        const entry = (seen[concurrency] ??= { results: 0, maxInFlight: 0 });
        entry.results++;
        entry.maxInFlight = Math.max(entry.maxInFlight, held.server.maxInFlight);
      },
      onLevel(level, summary) {
        levels.push(level);
        expect(summary).toMatchObject({ count: 8, ok: 8 });
        held.server.resetStats();
        held.server.releaseWhen(level.concurrency * 2);
      },
    });
    expect(result).toEqual(levels);
    expect(result.map((level) => level.concurrency)).toEqual([1, 2, 4, 8]);
    expect(seen).toEqual({ 1: { results: 8, maxInFlight: 1 }, 2: { results: 8, maxInFlight: 2 }, 4: { results: 8, maxInFlight: 4 }, 8: { results: 8, maxInFlight: 8 } });
    for (const level of result) expect(level.throughput).toBeGreaterThan(0);
  });

  it('stops when the signal aborts: the level cut short is left out and no later level runs', async () => {
    const controller = new AbortController();
    held.server.releaseWhen(1);
    const running = sweep(urls(4), {
      concurrency: 8,
      signal: controller.signal,
      onLevel() {
        // Level 2's requests are held: the sweep is stopped while they are in flight.
        held.server.resetStats();
        held.server.releaseWhen(Infinity);
      },
    });
    await expect.poll(() => held.server.inFlight, { timeout: 20_000 }).toBe(2);
    controller.abort();
    const result = await running;
    expect(result.map((level) => level.concurrency)).toEqual([1]);
    expect(held.server.arrivals).toHaveLength(2);
  });
});
