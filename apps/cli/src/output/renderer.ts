import type { Comparison, FetchResult, RunMode, Summary } from '@fanout/core';

/** Where a result came from: the run of a compare, the `--file` line. */
export interface ResultContext {
  readonly mode?: RunMode;
  readonly line?: number;
}

/** Writes results to stdout in one format. */
export interface Renderer {
  /** A heading before a run starts (compare prints two runs). */
  startRun(mode: RunMode, concurrency: number): void;
  result(result: FetchResult, context?: ResultContext): void;
  /** Called once at the end, with the run's summary or the comparison. */
  end(outcome: { summary: Summary } | { comparison: Comparison }): void;
}
