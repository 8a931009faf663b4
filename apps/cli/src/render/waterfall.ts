import type { FetchResult, HostLimitSummary } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { formatMs } from './format.js';
import { limitLegend, limitSparkline } from './limit-row.js';

/**
 * One attempt on the wire, epoch ms: sent, outcome, when its new connection was ready (if it
 * opened one and the transport told; NaN otherwise) and when its response began (if known).
 */
export type WireSpan = readonly [start: number, end: number, connected?: number, firstByte?: number];

/** What the waterfall needs of one result (kept for each result only with `--timeline`). */
export interface TimelineRow {
  readonly index: number;
  readonly ok: boolean;
  /** Queued at and outcome at, epoch ms. */
  readonly start: number;
  readonly end: number;
  /** The attempts on the wire. */
  readonly wire: readonly WireSpan[];
}

/** The row of one result: its timing and its attempts' spans (none when it was never sent). */
export function timelineRow(result: FetchResult): TimelineRow {
  const wire = (result.timeline?.attempts ?? []).map((span): WireSpan => [span.start, span.end, span.connected ?? NaN, span.firstByte ?? NaN]);
  return { index: result.index, ok: result.ok, start: result.timing.start, end: result.timing.end, wire };
}

export const WAIT = '░';
export const CONNECT = '▒';
export const WIRE = '█';
export const BODY = '▓';

/**
 * The character of one cell `[from, to)` of a row: on the wire if any attempt overlaps it
 * (connecting if it lies before a new connection was ready, receiving the body if it lies
 * after the response began), waiting inside the request, blank outside.
 */
function cell(row: TimelineRow, from: number, to: number): string {
  if (to <= row.start || from >= row.end) return ' ';
  let drawn = WAIT;
  for (const [start, end, connected = NaN, firstByte = NaN] of row.wire) {
    if (start >= to || end <= from) continue;
    if (to <= connected) drawn = CONNECT;
    else if (from >= firstByte) drawn = BODY;
    else return WIRE;
  }
  return drawn;
}

/** `--concurrency auto` with `--timeline`: each host's adaptive limit, drawn under the requests on their time axis. */
export interface WaterfallLimits {
  readonly [host: string]: HostLimitSummary;
}

/**
 * A text waterfall of a run, one row per request in input order: time runs left to right from
 * the first request's start to the last one's end, `░` is waiting (for a slot, a rate limit, a
 * backoff), `▒` opening a connection, `█` on the wire and `▓` receiving the body (after the
 * response began). With `limits` (`--concurrency auto`), a row per host under the requests
 * draws its adaptive limit over the same time, with a legend. Fits `columns` (the terminal's
 * width).
 */
export function waterfall(rows: readonly TimelineRow[], c: Colors, columns = 80, title = 'Timeline', limits?: WaterfallLimits): string {
  if (rows.length === 0) return `${c.bold(title)}: no requests\n`;
  const sorted = [...rows].sort((a, b) => a.index - b.index);
  const t0 = Math.min(...sorted.map((r) => r.start));
  const t1 = Math.max(...sorted.map((r) => r.end));
  const span = Math.max(t1 - t0, 1e-3);
  const hosts = Object.entries(limits ?? {}).filter(([, limit]) => limit.series.length > 0);
  const limitLabel = (i: number) => (hosts.length === 1 ? 'limit' : `limit${i + 1}`);
  const labels = [...sorted.map((r) => `#${r.index + 1}`), ...hosts.map((_, i) => limitLabel(i))];
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const totals = [...sorted.map((r) => formatMs(r.end - r.start)), ...hosts.map(([, limit]) => String(limit.limit))];
  const totalWidth = Math.max(...totals.map((t) => t.length));
  const width = Math.max(10, columns - labelWidth - totalWidth - 6);
  const step = span / width;
  const lines = sorted.map((row, i) => {
    let bar = '';
    for (let x = 0; x < width; x++) bar += cell(row, t0 + x * step, t0 + (x + 1) * step);
    const label = `#${row.index + 1}`.padStart(labelWidth);
    const drawn = bar.replace(/[█▓]/g, (w) => (row.ok ? c.green(w) : c.red(w)));
    return `  ${label} ${drawn} ${(totals[i] as string).padStart(totalWidth)}`;
  });
  const scale = Math.max(1, ...hosts.map(([, limit]) => limit.peak));
  const limitLines = hosts.map(([, limit], i) => `  ${limitLabel(i).padStart(labelWidth)} ${c.cyan(limitSparkline(limit.series, t0, step, width, scale))} ${String(limit.limit).padStart(totalWidth)}`);
  const axis = `  ${' '.repeat(labelWidth)} 0${formatMs(span).padStart(width - 1)}`;
  const legends = hosts.map(([host, limit], i) => `  ${limitLegend(limitLabel(i), host, limit, scale, c)}`);
  const connects = lines.some((line) => line.includes(CONNECT)) ? `  ${CONNECT} connecting` : '';
  const bodies = lines.some((line) => line.includes(BODY)) ? `  ${BODY} receiving the body` : '';
  return [`${c.bold(title)} ${c.dim(`(${WAIT} waiting${connects}  ${WIRE} on the wire${bodies})`)}`, ...lines, ...limitLines, axis, ...legends].join('\n') + '\n';
}
