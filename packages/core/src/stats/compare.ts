import { lastValueFrom } from 'rxjs/internal/lastValueFrom';
import { fanout } from '../engine/fanout.js';
import { resolveOptions, type FanoutOptions } from '../contract/options.js';
import type { RequestInput } from '../contract/request.js';
import type { FetchResult } from '../contract/result.js';
import { summarizeRun } from './summarize-run.js';
import type { Summary } from './summary.js';
import { defaultTransport } from '../transports/create-transport.js';

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Which run a result belongs to in {@link compare}. */
export type RunMode = 'sequential' | 'concurrent';

/** Options of {@link compare}: the run options plus a callback per result. */
export interface CompareOptions extends FanoutOptions {
  /** Called with each result as it arrives, tagged with its run. @default undefined */
  readonly onResult?: (mode: RunMode, result: FetchResult) => void;
}

/** Both runs' summaries and how much faster the concurrent one was. */
export interface Comparison {
  readonly concurrency: number;
  readonly sequential: Summary;
  readonly concurrent: Summary;
  /** `sequential.wallMs / concurrent.wallMs`, to 0.01. */
  readonly speedup: number;
  /**
   * The largest speedup the concurrent run could have shown with the wire times its own requests
   * had: `sequential.wallMs` over the shortest wall time `concurrency` slots can fit those wire
   * times in, `max(longest wire time, total wire time / concurrency)` (no queueing, no gaps).
   * It bounds: `speedup <= idealSpeedup` always, and `speedup / idealSpeedup` says how well the
   * slots were kept busy. For N requests that each take the same time t in both runs it is
   * `N / ceil(N / concurrency)`. To 0.01.
   */
  readonly idealSpeedup: number;
}

/**
 * Runs the same requests sequentially, then concurrently (over one shared transport), and
 * compares the wall times, next to the ideal speedup (see {@link Comparison.idealSpeedup}).
 *
 * @example
 * const { speedup } = await compare(urls, { concurrency: 10 });
 * console.log(`concurrent was ${speedup.toFixed(1)}x faster`);
 */
export async function compare(inputs: readonly RequestInput[], options: CompareOptions = {}): Promise<Comparison> {
  const { onResult, ...runOptions } = options;
  const { concurrency, perHost } = resolveOptions(runOptions);
  const transport = runOptions.transport ?? defaultTransport(concurrency, perHost);
  try {
    let wireTotal = 0;
    let wireMax = 0;
    const run = (mode: RunMode, n: number) =>
      lastValueFrom(
        fanout(inputs, { ...runOptions, transport, concurrency: n }).pipe(
          summarizeRun((result) => {
            if (mode === 'concurrent') {
              wireTotal += result.timing.wireMs;
              wireMax = Math.max(wireMax, result.timing.wireMs);
            }
            onResult?.(mode, result);
          }),
        ),
      );
    const sequential = await run('sequential', 1);
    const concurrent = await run('concurrent', concurrency);
    const speedup = concurrent.wallMs > 0 ? sequential.wallMs / concurrent.wallMs : 0;
    // The concurrent wall holds every wire time, at most `concurrency` at once, so it is at least
    // this (bounded by the wall itself, which is rounded to 0.1 ms).
    const shortestWall = Math.min(concurrent.wallMs, Math.max(wireMax, wireTotal / concurrency));
    const idealSpeedup = shortestWall > 0 ? sequential.wallMs / shortestWall : speedup;
    return { concurrency, sequential, concurrent, speedup: round2(speedup), idealSpeedup: round2(idealSpeedup) };
  } finally {
    if (!runOptions.transport) await transport.close();
  }
}
