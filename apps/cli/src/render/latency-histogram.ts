import type { Colors } from 'picocolors/types.js';

/** Bucket edges in ms: 0, 1, 2, 5, 10, 20, 50, ... (three per decade, as people read them), past `max`. */
function edges(max: number): number[] {
  const result = [0];
  for (let decade = 1, top = 0; top <= max; decade *= 10) {
    for (const m of [1, 2, 5]) result.push((top = m * decade));
  }
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
  const bounds = edges(Math.max(...latencies));
  const buckets = bounds.slice(1).map((upper, b) => ({ range: `${label(bounds[b] ?? 0)} – ${label(upper)}`, upper, count: 0 }));
  for (const ms of latencies) {
    const bucket = buckets.find((candidate) => ms < candidate.upper);
    if (bucket) bucket.count++;
  }
  const first = buckets.findIndex((bucket) => bucket.count > 0);
  const last = buckets.length - 1 - [...buckets].reverse().findIndex((bucket) => bucket.count > 0);
  const shown = buckets.slice(first, last + 1);
  const most = Math.max(...shown.map((bucket) => bucket.count));
  const rangeWidth = Math.max(...shown.map((bucket) => bucket.range.length));
  const rows = shown.map(({ range, count }) => {
    const bar = count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((count / most) * width)));
    return `  ${range.padStart(rangeWidth)}  ${c.cyan(bar)}${bar ? ' ' : ''}${count}`;
  });
  return [c.bold(title), ...rows].join('\n') + '\n';
}
