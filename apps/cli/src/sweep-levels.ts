/** One concurrency level of a sweep, as `--output json` gives it. */
export interface SweepLevel {
  readonly concurrency: number;
  /** Results per second of the level's wall time (0.1 precision). */
  readonly throughput: number;
  /** 95th percentile of the wire time, ms (0.1 precision). */
  readonly p95: number;
}

/** The levels a sweep runs: 1, 2, 4, … doubling while below `max`, then `max` itself. */
export function sweepConcurrencies(max: number): number[] {
  const levels: number[] = [];
  for (let n = 1; n < max; n *= 2) levels.push(n);
  levels.push(max);
  return levels;
}

/** A level counts as saturated once its throughput reaches this share of the best throughput measured. */
export const KNEE_SHARE = 0.9;

/**
 * The knee of a sweep, which is also its `best`: the LOWEST concurrency whose throughput is at
 * least 90 % of the highest throughput any level reached. Past it, more concurrency buys at
 * most 10 % more throughput (and usually costs latency).
 */
export function kneeOf(levels: readonly SweepLevel[]): number {
  const top = Math.max(...levels.map((level) => level.throughput));
  const knee = levels.find((level) => level.throughput >= KNEE_SHARE * top);
  if (!knee) throw new RangeError(`kneeOf needs at least one level, got ${levels.length}`);
  return knee.concurrency;
}
