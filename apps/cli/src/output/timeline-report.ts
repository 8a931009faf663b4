import type { FetchResult } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import type { CliIo } from '../process/cli-io.js';
import { latencyHistogram } from '../render/latency-histogram.js';
import { timelineRow, waterfall, type TimelineRow, type WaterfallLimits } from '../render/waterfall.js';

/** The width to draw for: the terminal's, else `$COLUMNS`, else 80. */
export function terminalColumns(io: Pick<CliIo, 'stderr' | 'env'>): number {
  const columns = io.stderr.columns ?? Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

/** `--timeline`: keeps each result's row, then draws the waterfall and the latency histogram. */
export class TimelineReport {
  private readonly rows: TimelineRow[] = [];
  private readonly latencies: number[] = [];

  add(result: FetchResult): void {
    this.rows.push(timelineRow(result));
    if (result.attempts > 0) this.latencies.push(result.timing.wireMs);
  }

  /** The waterfall (fitting `columns`, with each host's adaptive limit under it when given: the summary's `concurrencyLimits`) and the histogram, for stderr. */
  render(c: Colors, width: number, title?: string, limits?: WaterfallLimits): string {
    return `\n${waterfall(this.rows, c, width, title, limits)}\n${latencyHistogram(this.latencies, c, Math.min(40, Math.max(10, width - 30)))}`;
  }
}
