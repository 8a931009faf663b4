import { lastValueFrom } from 'rxjs/internal/lastValueFrom';
import { fanout } from '../engine/fanout.js';
import type { FanoutOptions } from '../contract/options.js';
import type { RequestInput } from '../contract/request.js';
import type { FetchResult } from '../contract/result.js';
import { defaultTransport } from '../transports/create-transport.js';
import { summarizeRun } from './summarize-run.js';
import type { Summary } from './summary.js';

/** One concurrency level of a sweep, as the CLI's `--output json` gives it. */
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

/** Options of {@link sweep}: the run options, with `concurrency` the highest level. */
export interface SweepOptions extends Omit<FanoutOptions, 'concurrency'> {
  /** The highest level: the sweep runs 1, 2, 4, … up to it (see {@link sweepConcurrencies}). */
  readonly concurrency: number;
  /** Called as each level ends, with its summary. @default undefined */
  readonly onLevel?: (level: SweepLevel, summary: Summary) => void;
  /** Called with each result as it arrives, with its level's concurrency. @default undefined */
  readonly onResult?: (concurrency: number, result: FetchResult) => void;
}

/**
 * Runs the same inputs at concurrency 1, 2, 4, … up to `concurrency`, one level after the other
 * (over one shared transport), and gives each level's throughput and p95. When `signal` aborts,
 * the level it cut short is left out and no further level runs. The knee is {@link kneeOf}.
 *
 * @example
 * const levels = await sweep(urls, { concurrency: 32 });
 * console.log(`best: ${kneeOf(levels)}`);
 */
export async function sweep(inputs: readonly RequestInput[], options: SweepOptions): Promise<SweepLevel[]> {
  const { onLevel, onResult, concurrency: max, ...runOptions } = options;
  const transport = runOptions.transport ?? defaultTransport(max, runOptions.perHost);
  const levels: SweepLevel[] = [];
  try {
    for (const concurrency of sweepConcurrencies(max)) {
      const results$ = fanout(inputs, { ...runOptions, transport, concurrency });
      const summary = await lastValueFrom(results$.pipe(summarizeRun(onResult && ((result) => onResult(concurrency, result)))));
      if (runOptions.signal?.aborted) break;
      const level: SweepLevel = { concurrency, throughput: summary.throughput, p95: summary.latency.p95 };
      levels.push(level);
      onLevel?.(level, summary);
    }
    return levels;
  } finally {
    if (!runOptions.transport) await transport.close();
  }
}
