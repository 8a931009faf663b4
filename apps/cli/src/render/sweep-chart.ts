import type { Colors } from 'picocolors/types.js';
import type { SweepLevel } from '@fanout/core';
import { formatMs } from './format.js';

/**
 * The sweep as a terminal chart: one row per level, throughput and p95 as two bars scaled to
 * their largest value, the knee (the `best` level) marked. Fits `columns`.
 */
export function sweepChart(levels: readonly SweepLevel[], best: number, count: number, c: Colors, columns = 80): string {
  const topThroughput = Math.max(...levels.map((l) => l.throughput), 1e-9);
  const topP95 = Math.max(...levels.map((l) => l.p95), 1e-9);
  const cWidth = Math.max('concurrency'.length, String(levels[levels.length - 1]?.concurrency ?? 1).length);
  const tText = levels.map((l) => `${l.throughput.toFixed(1)}/s`);
  const pText = levels.map((l) => formatMs(l.p95));
  const tw = Math.max(...tText.map((t) => t.length));
  const pw = Math.max(...pText.map((t) => t.length));
  // row: "  " c "  " bar " " t "  " bar " " p "  ◀ knee"
  const bar = Math.max(5, Math.floor((columns - 2 - cWidth - 2 - tw - 1 - 2 - pw - 1 - 10) / 2));
  const draw = (value: number, top: number) => '█'.repeat(Math.max(value > 0 ? 1 : 0, Math.round((value / top) * bar))).padEnd(bar);
  const header = `  ${'concurrency'.padStart(cWidth)}  ${'throughput'.padEnd(bar + 1 + tw)}  ${'p95 latency (on the wire)'}`;
  const rows = levels.map((level, i) => {
    const knee = level.concurrency === best;
    const throughput = (tText[i] ?? '').padStart(tw);
    const p95 = (pText[i] ?? '').padStart(pw);
    const line = `  ${String(level.concurrency).padStart(cWidth)}  ${c.green(draw(level.throughput, topThroughput))} ${throughput}  ${c.yellow(draw(level.p95, topP95))} ${p95}`;
    return knee ? `${line}  ${c.bold('◀ knee')}` : line;
  });
  const note = c.dim(`  knee = best = the lowest concurrency reaching 90 % of the top throughput: ${best}`);
  return [c.bold(`Sweep (${count} requests per level)`), c.dim(header), ...rows, note].join('\n') + '\n';
}
