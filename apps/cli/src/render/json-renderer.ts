import { toResultLine, type FetchResult, type ResultLine, type RunMode } from '@fanout/core';
import type { Output } from '../output.js';
import type { Renderer } from './renderer.js';

/** One JSON document at the end: results in input order and the summary (or both runs). */
export function jsonRenderer(out: Output): Renderer {
  const runs: Partial<Record<RunMode, ResultLine[]>> = {};
  const single: ResultLine[] = [];
  const byIndex = (lines: ResultLine[]) => lines.sort((a, b) => a.index - b.index);
  return {
    startRun: () => undefined,
    result(result: FetchResult, mode?: RunMode) {
      if (mode) (runs[mode] ??= []).push(toResultLine(result));
      else single.push(toResultLine(result));
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
