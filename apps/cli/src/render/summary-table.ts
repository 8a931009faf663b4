import type { LatencyStats, Summary } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { formatMs } from './format.js';
import { terminalSafe } from './terminal-safe.js';

/** What the long-batch features add to the end-of-run summary. */
export interface BatchNotes {
  /** Inputs not fetched: the journal has them ok already, or (`--skip-existing`) their file exists. */
  readonly skipped?: number;
  /** Of those, the ones skipped for their file. */
  readonly skippedExisting?: number;
  /** Set when `--max-failures` stopped the run. */
  readonly stopped?: { readonly maxFailures: number; readonly unfinished: number };
}

/** The summary rows of the notes (none when the run used no long-batch flag). */
export function batchSummaryRows(notes: BatchNotes): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (notes.skipped !== undefined) {
    const existing = notes.skippedExisting ?? 0;
    const journal = notes.skipped - existing;
    const why = existing === 0 ? 'already ok in the journal' : journal === 0 ? 'file exists' : `${journal} already ok in the journal, ${existing} file exists`;
    rows.push(['skipped', `${notes.skipped} (${why})`]);
  }
  if (notes.stopped) {
    const { maxFailures, unfinished } = notes.stopped;
    rows.push(['stopped', `after ${maxFailures} failed inputs (--max-failures); ${unfinished} read but unfinished (cancelled), the rest not read: none of them has a result line`]);
  }
  return rows;
}

function percentiles(stats: LatencyStats): string {
  return `p50 ${formatMs(stats.p50)}   p95 ${formatMs(stats.p95)}   p99 ${formatMs(stats.p99)}   max ${formatMs(stats.max)}`;
}

/**
 * The end-of-run summary for stderr: counts, failures by code, attempts with the retries made
 * and those the retry budget refused, wall time, throughput, wire latency and, apart, the time
 * spent queued for a slot or a rate limit.
 */
export function summaryTable(summary: Summary & BatchNotes, c: Colors, title = 'Summary'): string {
  const failures = Object.entries(summary.failedByCode)
    .map(([code, n]) => `${terminalSafe(code)} ${n}`)
    .join(', ');
  const retries = [summary.retries > 0 && `${summary.retries} retries`, summary.retriesRefused > 0 && c.yellow(`${summary.retriesRefused} refused by the retry budget, see --retry-budget`)].filter(Boolean);
  const rows: [string, string][] = [
    ['requests', `${summary.count}   ${c.green(`ok ${summary.ok}`)}   ${summary.failed ? c.red(`failed ${summary.failed} (${failures})`) : 'failed 0'}`],
    ['attempts', `${summary.attempts}${retries.length > 0 ? ` (${retries.join(', ')})` : ''}`],
    ['wall time', formatMs(summary.wallMs)],
    ['throughput', `${summary.throughput.toFixed(1)} req/s`],
    ['latency', `${percentiles(summary.latency)}   ${c.dim('(on the wire)')}`],
  ];
  if (summary.queued.max >= 1) rows.push(['queued', `${percentiles(summary.queued)}   ${c.dim('(waiting for a slot or a rate limit)')}`]);
  rows.push(...batchSummaryRows(summary));
  return [c.bold(title), ...rows.map(([label, value]) => `  ${label.padEnd(11)} ${value}`)].join('\n') + '\n';
}
