import type { Comparison, FetchResult, RunMode, Summary } from '@fanout/core';

/** Writes results to stdout in one format. */
export interface Renderer {
  /** A heading before a run starts (compare prints two runs). */
  startRun(mode: RunMode, concurrency: number): void;
  result(result: FetchResult, mode?: RunMode): void;
  /** Called once at the end, with the run's summary or the comparison. */
  end(outcome: { summary: Summary } | { comparison: Comparison }): void;
}
