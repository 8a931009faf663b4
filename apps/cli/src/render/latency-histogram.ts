import type { Colors } from 'picocolors/types.js';

/** Bucket edges in ms: 1, 2, 5, 10, 20, 50, ... (three per decade, as people read them). */
function edges(max: number): number[] {
  const result = [0];
  for (let decade = 1; result[result.length - 1]! < max; decade *= 10) for (const m of [1, 2, 5]) result.push(m * decade);
  return result;
}

function label(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * A histogram of latencies in milliseconds: one row per bucket from the first to the last that
 * holds any (edges 1-2-5 per decade; a bucket holds `lower <= ms < upper`), bars scaled to `width`.
 */
export function latencyHistogram(latencies: readonly number[], c: Colors, width = 40, title = 'Latency histogram (on the wire)'): string {
  if (latencies.length === 0) return '';
  const bounds = edges(Math.max(...latencies) + 1e-9);
  const counts = new Array<number>(bounds.length - 1).fill(0);
  for (const ms of latencies) {
    let b = 0;
    while (b < counts.length - 1 && ms >= bounds[b + 1]!) b++;
    counts[b]!++;
  }
  const first = counts.findIndex((n) => n > 0);
  const last = counts.length - 1 - [...counts].reverse().findIndex((n) => n > 0);
  const most = Math.max(...counts);
  const ranges = counts.map((_, b) => `${label(bounds[b]!)} – ${label(bounds[b + 1]!)}`);
  const rangeWidth = Math.max(...ranges.slice(first, last + 1).map((r) => r.length));
  const rows: string[] = [];
  for (let b = first; b <= last; b++) {
    const n = counts[b]!;
    const bar = n === 0 ? '' : '█'.repeat(Math.max(1, Math.round((n / most) * width)));
    rows.push(`  ${ranges[b]!.padStart(rangeWidth)}  ${c.cyan(bar)}${bar ? ' ' : ''}${n}`);
  }
  return [c.bold(title), ...rows].join('\n') + '\n';
}
