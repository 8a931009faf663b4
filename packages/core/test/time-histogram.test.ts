import { describe, expect, it } from 'vitest';
import { TimeHistogram } from '../src/stats/time-histogram.js';

/** Nearest-rank percentile of the exact values, rounded to 0.1 ms as the summary shows it. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round((sorted[rank - 1] as number) * 10) / 10;
}

describe('TimeHistogram', () => {
  it('gives the exact nearest-rank percentiles, at 0.1 ms, of times below 10 s', () => {
    // A fixed pseudo-random spread (no Math.random: the test must be the same every run).
    let seed = 42;
    const values = Array.from({ length: 5000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed / 2 ** 31) * 9000;
    });
    const histogram = new TimeHistogram();
    for (const value of values) histogram.add(value);
    const stats = histogram.stats();
    expect(stats.p50).toBe(exactPercentile(values, 50));
    expect(stats.p95).toBe(exactPercentile(values, 95));
    expect(stats.p99).toBe(exactPercentile(values, 99));
    expect(stats.max).toBe(Math.round(Math.max(...values) * 10) / 10);
  });

  it('keeps times past 10 s to the millisecond, and max and mean exact', () => {
    const histogram = new TimeHistogram();
    for (const value of [5, 12_345.4, 20_000.2, 30_000.7]) histogram.add(value);
    expect(histogram.stats()).toEqual({ p50: 12_345, p95: 30_001, p99: 30_001, max: 30_000.7, mean: 15_587.8 });
  });

  it('stays the same size however many times it counts', () => {
    const histogram = new TimeHistogram();
    for (let i = 0; i < 1000; i++) histogram.add(i % 50);
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 1_000_000; i++) histogram.add(i % 5000);
    // A Float64Array of every time would add 8 MB here; the histogram adds nothing.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    // 1,001,000 times: rank 500,500 falls on 2497 (1000 below 50, then 200 of each ms).
    expect(histogram.stats().p50).toBe(2497);
  });

  it('counts a negative time (a clock step) as 0', () => {
    const histogram = new TimeHistogram();
    histogram.add(-3);
    expect(histogram.stats()).toEqual({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });
});
