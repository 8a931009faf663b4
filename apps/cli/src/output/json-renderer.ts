import type { RunMode } from '@fanout/core';
import type { Output } from './output.js';
import type { Renderer } from './renderer.js';
import { resultRecord, type ResultRecord } from './result-record.js';
import { jsonTerminalSafe } from '../render/terminal-safe.js';

/** One JSON document at the end: results in input order and the summary (or both runs). */
export function jsonRenderer(out: Output): Renderer {
  const runs: Partial<Record<RunMode, ResultRecord[]>> = {};
  const single: ResultRecord[] = [];
  const byIndex = (lines: ResultRecord[]) => lines.sort((a, b) => a.index - b.index);
  return {
    startRun: () => undefined,
    result(result, context) {
      const record = resultRecord(result, { line: context?.line });
      if (context?.mode) (runs[context.mode] ??= []).push(record);
      else single.push(record);
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
      out.write(`${jsonTerminalSafe(JSON.stringify(document, null, 2))}\n`);
    },
  };
}
