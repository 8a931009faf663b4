import { serializeResult, type FetchResult, type SerializedResult, type RunMode } from '@fanout/core';
import type { Output } from '../output.js';
import type { Renderer } from './renderer.js';

/** One JSON document at the end: results in input order and the summary (or both runs). */
export function jsonRenderer(out: Output): Renderer {
  const runs: Partial<Record<RunMode, SerializedResult[]>> = {};
  const single: SerializedResult[] = [];
  const byIndex = (lines: SerializedResult[]) => lines.sort((a, b) => a.index - b.index);
  return {
    startRun: () => undefined,
    result(result: FetchResult, mode?: RunMode) {
      if (mode) (runs[mode] ??= []).push(serializeResult(result));
      else single.push(serializeResult(result));
    },
    end(outcome) {
      const document =
        'comparison' in outcome
          ? {
              sequential: { results: byIndex(runs.sequential ?? []), summary: outcome.comparison.sequential },
              concurrent: { results: byIndex(runs.concurrent ?? []), summary: outcome.comparison.concurrent },
              concurrency: outcome.comparison.concurrency,
              speedup: outcome.comparison.speedup,
            }
          : { results: byIndex(single), summary: outcome.summary };
      out.write(`${JSON.stringify(document, null, 2)}\n`);
    },
  };
}
