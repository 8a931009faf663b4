import { describe, expect, it } from 'vitest';
import { VegasLimit } from '../src/limits/vegas-limit.js';

/**
 * A simulated host that serves `capacity` requests at once in `latency` ms and queues the rest:
 * with `n` in flight a request takes `latency × max(1, n / capacity)`. Each round trip feeds the
 * limiter `limit` samples taken at `limit` in flight (a saturated run). No wall clock.
 */
function drive(limiter: VegasLimit, capacity: () => number, rounds: number, latency = 20): number[] {
  const limits: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const inFlight = limiter.limit;
    const rtt = latency * Math.max(1, inFlight / capacity());
    for (let i = 0; i < inFlight; i++) limiter.sample(rtt, inFlight, false);
    limits.push(limiter.limit);
  }
  return limits;
}

describe('VegasLimit: an adaptive limit from latency and drops', () => {
  it('climbs from 4 past a server that serves 16 at once and settles a few requests beyond it', () => {
    const limiter = new VegasLimit({ initial: 4, max: 256, now: () => 0 });
    const limits = drive(limiter, () => 16, 60);
    const settled = limits.slice(-20);
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(16);
    expect(Math.max(...settled)).toBeLessThanOrEqual(16 + 12);
  });

  it('comes down when the server can serve fewer at once mid-run', () => {
    let capacity = 32;
    const limiter = new VegasLimit({ now: () => 0 });
    drive(limiter, () => capacity, 60);
    const before = limiter.limit;
    expect(before).toBeGreaterThanOrEqual(32);
    capacity = 8;
    const after = drive(limiter, () => capacity, 80).slice(-10);
    expect(Math.max(...after)).toBeLessThanOrEqual(8 + 12);
    expect(Math.max(...after)).toBeLessThan(before);
  });

  it('never passes max, and never falls below 1', () => {
    const limiter = new VegasLimit({ initial: 4, max: 10, now: () => 0 });
    drive(limiter, () => 1_000, 40);
    expect(limiter.limit).toBe(10);
    let t = 0;
    const dropping = new VegasLimit({ initial: 50, now: () => (t += 1_000) });
    for (let i = 0; i < 100; i++) dropping.sample(10, 50, true);
    expect(dropping.limit).toBe(1);
  });

  it('a drop cuts the limit by a quarter, and a burst of drops within one round trip counts once', () => {
    let t = 0;
    const limiter = new VegasLimit({ initial: 40, now: () => t });
    limiter.sample(20, 40, false); // no-load latency 20 ms
    const start = limiter.limit;
    limiter.sample(20, 40, true);
    for (let i = 0; i < 10; i++) limiter.sample(20, 40, true);
    expect(limiter.limit).toBe(Math.floor(start * 0.75));
    t += 25;
    limiter.sample(20, 40, true);
    expect(limiter.limit).toBe(Math.floor(start * 0.75 * 0.75));
  });

  it('ignores samples taken with fewer than half the slots in use', () => {
    const limiter = new VegasLimit({ initial: 20, now: () => 0 });
    for (let i = 0; i < 100; i++) limiter.sample(10, 3, false);
    expect(limiter.limit).toBe(20);
    expect(limiter.peak).toBe(20);
  });
});
