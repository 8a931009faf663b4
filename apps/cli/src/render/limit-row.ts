import type { HostLimitSummary, LimitPoint } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import { terminalSafe } from './terminal-safe.js';

/** Eight heights, lowest first: a limit is drawn as its share of the scale. */
const LEVELS = '▁▂▃▄▅▆▇█';

/** The limit in force at the end of `[from, to)` of a step series (undefined before its first point). */
function limitAt(series: readonly LimitPoint[], to: number): number | undefined {
  let current: number | undefined;
  for (const { at, limit } of series) {
    if (at >= to) break;
    current = limit;
  }
  return current;
}

/**
 * One host's adaptive limit over the run as a sparkline on the waterfall's time axis: `cells`
 * cells from `t0`, each `step` ms, each the limit in force at its end (the last one: where the
 * limit ended), as a height of 1 to `scale` (blank before the host's first request).
 */
export function limitSparkline(series: readonly LimitPoint[], t0: number, step: number, cells: number, scale: number): string {
  let line = '';
  for (let x = 0; x < cells; x++) {
    const limit = limitAt(series, x === cells - 1 ? Infinity : t0 + (x + 1) * step);
    line += limit === undefined ? ' ' : (LEVELS[Math.min(LEVELS.length - 1, Math.max(0, Math.ceil((limit / scale) * LEVELS.length) - 1))] as string);
  }
  return line;
}

/** The legend of a host's limit row: `limit 127.0.0.1:8080: 4 → 28 (low 4, peak 29; █ = 29)`. */
export function limitLegend(label: string, host: string, limits: HostLimitSummary, scale: number, c: Colors): string {
  const first = limits.series[0]?.limit ?? limits.limit;
  return `${c.bold(label)} ${terminalSafe(host)}: ${first} → ${c.bold(String(limits.limit))} ${c.dim(`(low ${limits.min}, peak ${limits.peak}; ${LEVELS.at(-1) ?? ''} = ${scale})`)}`;
}
