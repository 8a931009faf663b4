import type { Summary } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { batchSummaryRows, type BatchNotes } from '../batch/batch-run.js';
import { formatMs } from './format.js';

/** The end-of-run summary for stderr: counts, failures by code, wall time, throughput, latency. */
export function summaryTable(summary: Summary & BatchNotes, c: Colors, title = 'Summary'): string {
  const failures = Object.entries(summary.failedByCode)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const { latency } = summary;
  const rows: [string, string][] = [
    ['requests', `${summary.count}   ${c.green(`ok ${summary.ok}`)}   ${summary.failed ? c.red(`failed ${summary.failed} (${failures})`) : 'failed 0'}`],
    ['attempts', `${summary.attempts}${summary.attempts > summary.count ? ` (${summary.attempts - summary.count} retries)` : ''}`],
    ['wall time', formatMs(summary.wallMs)],
    ['throughput', `${summary.throughput.toFixed(1)} req/s`],
    ['latency', `p50 ${formatMs(latency.p50)}   p95 ${formatMs(latency.p95)}   p99 ${formatMs(latency.p99)}   max ${formatMs(latency.max)}`],
    ...batchSummaryRows(summary),
  ];
  return [c.bold(title), ...rows.map(([label, value]) => `  ${label.padEnd(11)} ${value}`)].join('\n') + '\n';
}
