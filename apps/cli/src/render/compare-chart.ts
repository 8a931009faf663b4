import type { Comparison } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { formatMs } from './format.js';

/** Both wall times as horizontal bars, then the speedup next to the ideal one. */
export function compareChart(comparison: Comparison, c: Colors, width = 40): string {
  const { sequential, concurrent, speedup, idealSpeedup: ideal, concurrency } = comparison;
  const longest = Math.max(sequential.wallMs, concurrent.wallMs, 1);
  const bar = (ms: number) => '█'.repeat(Math.max(1, Math.round((ms / longest) * width))).padEnd(width);
  return [
    c.bold('Sequential vs concurrent'),
    `  sequential  ${c.yellow(bar(sequential.wallMs))}  ${formatMs(sequential.wallMs)}`,
    `  concurrent  ${c.green(bar(concurrent.wallMs))}  ${formatMs(concurrent.wallMs)}`,
    `  speedup     ${c.bold(`${speedup.toFixed(2)}x`)} with concurrency ${concurrency} (ideal ${ideal.toFixed(2)}x for ${sequential.count} requests)`,
  ].join('\n') + '\n';
}
