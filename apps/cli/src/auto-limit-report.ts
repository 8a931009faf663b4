import type { FetchResult } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';

interface HostLimit {
  last: number;
  peak: number;
}

/** `--concurrency auto`: the adaptive limit per host, where it ended and the highest it reached. */
export class AutoLimitReport {
  private readonly hosts = new Map<string, HostLimit>();

  add(result: FetchResult): void {
    const limit = result.concurrencyLimit;
    if (limit === undefined) return;
    const host = hostOf(result.url);
    const seen = this.hosts.get(host);
    if (seen) {
      seen.last = limit;
      seen.peak = Math.max(seen.peak, limit);
    } else this.hosts.set(host, { last: limit, peak: limit });
  }

  /** One row per host for the summary: `limit 15 (peak 23)  127.0.0.1:8080`. */
  render(c: Colors): string {
    if (this.hosts.size === 0) return '';
    const rows = [...this.hosts].map(([host, { last, peak }]) => `  ${'limit'.padEnd(11)} ${c.bold(String(last))} ${c.dim(`(peak ${peak})`)}  ${host}`);
    return `\n${c.bold('Concurrency auto')} ${c.dim('(the adaptive limit per host at the end of the run)')}\n${rows.join('\n')}\n`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
