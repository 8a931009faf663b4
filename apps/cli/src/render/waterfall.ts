import type { FetchResult } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { formatMs } from './format.js';

/** What the waterfall needs of one result (kept for each result only with `--timeline`). */
export interface TimelineRow {
  readonly index: number;
  readonly ok: boolean;
  /** Queued at and outcome at, epoch ms. */
  readonly start: number;
  readonly end: number;
  /** The attempts on the wire, epoch ms: (start, end) pairs. */
  readonly wire: readonly (readonly [number, number])[];
}

/** The row of one result: its timing and its attempts' spans (none when it was never sent). */
export function timelineRow(result: FetchResult): TimelineRow {
  const wire = (result.timeline?.attempts ?? []).map((span) => [span.start, span.end] as const);
  return { index: result.index, ok: result.ok, start: result.timing.start, end: result.timing.end, wire };
}

export const WAIT = '░';
export const WIRE = '█';

/** The character of one cell `[from, to)` of a row: on the wire if any attempt overlaps it, waiting inside the request, blank outside. */
function cell(row: TimelineRow, from: number, to: number): string {
  if (to <= row.start || from >= row.end) return ' ';
  for (const [start, end] of row.wire) if (start < to && end > from) return WIRE;
  return WAIT;
}

/**
 * A text waterfall of a run, one row per request in input order: time runs left to right from
 * the first request's start to the last one's end, `░` is waiting (for a slot, a rate limit, a
 * backoff) and `█` on the wire. Fits `columns` (the terminal's width).
 */
export function waterfall(rows: readonly TimelineRow[], c: Colors, columns = 80, title = 'Timeline'): string {
  if (rows.length === 0) return `${c.bold(title)}: no requests\n`;
  const sorted = [...rows].sort((a, b) => a.index - b.index);
  const t0 = Math.min(...sorted.map((r) => r.start));
  const t1 = Math.max(...sorted.map((r) => r.end));
  const span = Math.max(t1 - t0, 1e-3);
  const labelWidth = `#${sorted.length === 0 ? 0 : Math.max(...sorted.map((r) => r.index + 1))}`.length;
  const totals = sorted.map((r) => formatMs(r.end - r.start));
  const totalWidth = Math.max(...totals.map((t) => t.length));
  const width = Math.max(10, columns - labelWidth - totalWidth - 6);
  const step = span / width;
  const lines = sorted.map((row, i) => {
    let bar = '';
    for (let x = 0; x < width; x++) bar += cell(row, t0 + x * step, t0 + (x + 1) * step);
    const label = `#${row.index + 1}`.padStart(labelWidth);
    const drawn = bar.replaceAll(WIRE, (w) => (row.ok ? c.green(w) : c.red(w)));
    return `  ${label} ${drawn} ${(totals[i] as string).padStart(totalWidth)}`;
  });
  const axis = `  ${' '.repeat(labelWidth)} 0${formatMs(span).padStart(width - 1)}`;
  return [`${c.bold(title)} ${c.dim(`(${WAIT} waiting  ${WIRE} on the wire)`)}`, ...lines, axis].join('\n') + '\n';
}
