import type { Summary } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';

/** `--concurrency auto`: the summary's adaptive limit per host, one row each: `limit 15 (peak 23)  127.0.0.1:8080`. */
export function autoLimitReport(limits: Summary['concurrencyLimits'], c: Colors): string {
  if (!limits) return '';
  const rows = Object.entries(limits).map(([host, { limit, peak }]) => `  ${'limit'.padEnd(11)} ${c.bold(String(limit))} ${c.dim(`(peak ${peak})`)}  ${host}`);
  return `\n${c.bold('Concurrency auto')} ${c.dim('(the adaptive limit per host at the end of the run)')}\n${rows.join('\n')}\n`;
}
