import { lastValueFrom } from 'rxjs';
import { fanout } from './fanout.js';
import { resolveOptions, type FanoutOptions } from './options.js';
import type { RequestInput } from './request.js';
import type { FetchResult } from './result.js';
import { summarizeRun } from './stats/summarize-run.js';
import type { Summary } from './stats/summary.js';
import { createTransport } from './transports/create-transport.js';

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
  /** `sequential.wallMs / concurrent.wallMs`. */
  readonly speedup: number;
}

/**
 * Runs the same requests sequentially, then concurrently (over one shared transport), and
 * compares the wall times.
 *
 * @example
 * const { speedup } = await compare(urls, { concurrency: 10 });
 * console.log(`concurrent was ${speedup.toFixed(1)}x faster`);
 */
export async function compare(inputs: readonly RequestInput[], options: CompareOptions = {}): Promise<Comparison> {
  const { onResult, ...runOptions } = options;
  const { concurrency } = resolveOptions(runOptions);
  const transport = runOptions.transport ?? createTransport('undici', { connections: concurrency });
  try {
    const run = (mode: RunMode, n: number) =>
      lastValueFrom(fanout(inputs, { ...runOptions, transport, concurrency: n }).pipe(summarizeRun((r) => onResult?.(mode, r))));
    const sequential = await run('sequential', 1);
    const concurrent = await run('concurrent', concurrency);
    return { concurrency, sequential, concurrent, speedup: concurrent.wallMs > 0 ? sequential.wallMs / concurrent.wallMs : 0 };
  } finally {
    if (!runOptions.transport) await transport.close();
  }
}
