import type { Summary } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { formatMs } from './format.js';

/** The end-of-run summary for stderr: counts, failures by code, wall time, throughput, wire latency, queue time. */
export function summaryTable(summary: Summary, c: Colors, title = 'Summary'): string {
  const failures = Object.entries(summary.failedByCode)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const { latency } = summary;
  const rows: [string, string][] = [
    ['requests', `${summary.count}   ${c.green(`ok ${summary.ok}`)}   ${summary.failed ? c.red(`failed ${summary.failed} (${failures})`) : 'failed 0'}`],
    ['attempts', `${summary.attempts}${summary.retries > 0 ? ` (${summary.retries} retries)` : ''}`],
    ['wall time', formatMs(summary.wallMs)],
    ['throughput', `${summary.throughput.toFixed(1)} req/s`],
    ['latency', `p50 ${formatMs(latency.p50)}   p95 ${formatMs(latency.p95)}   p99 ${formatMs(latency.p99)}   max ${formatMs(latency.max)}`],
  ];
  const { queued } = summary;
  if (queued.max > 0) rows.push(['queued', `p50 ${formatMs(queued.p50)}   p95 ${formatMs(queued.p95)}   p99 ${formatMs(queued.p99)}   max ${formatMs(queued.max)}`]);
  return [c.bold(title), ...rows.map(([label, value]) => `  ${label.padEnd(11)} ${value}`)].join('\n') + '\n';
}
