import { thin, type LimitPoint } from '../limits/limit-history.js';
import type { FetchResult } from '../contract/result.js';

/** With `concurrency: 'auto'`: what one host's adaptive limit did over the run. */
export interface HostLimitSummary {
  /** The limit at the end of the run: the series' last point, or without one the last result's `concurrencyLimit`. */
  readonly limit: number;
  /** The highest limit the host's results saw (or its series reached). */
  readonly peak: number;
  /** The lowest. */
  readonly min: number;
  /**
   * With the `timeline` option: the limit over time, `{ at, limit }` points (epoch ms) where it
   * changed, oldest first; its last point is `limit`. Bounded: past 512 points ({@link SERIES_CAP})
   * every other point is dropped (the first and last kept), so a long run keeps its shape at a
   * coarser grain. Empty without `timeline`.
   */
  readonly series: readonly LimitPoint[];
}

/** The most points a host's limit series in the summary keeps. */
export const SERIES_CAP = 512;

interface HostLimitState {
  limit: number;
  peak: number;
  min: number;
  series: LimitPoint[];
}

/** Accumulates each host's adaptive limit from results (`concurrencyLimit`, `timeline.limit`), in bounded memory. */
export class HostLimits {
  private readonly hosts = new Map<string, HostLimitState>();
  /** The last URL's `origin/` and host: most results share their host with the one before. */
  private lastOrigin = '';
  private lastHost = '';

  add(result: FetchResult): void {
    const limit = result.concurrencyLimit;
    if (limit === undefined) return;
    const host = this.hostOf(result.url);
    let state = this.hosts.get(host);
    if (!state) {
      state = { limit, peak: limit, min: limit, series: [] };
      this.hosts.set(host, state);
    }
    for (const point of result.timeline?.limit ?? []) {
      if (state.series.length >= SERIES_CAP) thin(state.series);
      state.series.push(point);
      if (point.limit > state.peak) state.peak = point.limit;
      if (point.limit < state.min) state.min = point.limit;
    }
    state.limit = limit;
    if (limit > state.peak) state.peak = limit;
    if (limit < state.min) state.min = limit;
  }

  private hostOf(url: string): string {
    if (this.lastOrigin !== '' && url.startsWith(this.lastOrigin)) return this.lastHost;
    try {
      const parsed = new URL(url);
      this.lastOrigin = `${parsed.origin}/`;
      this.lastHost = parsed.host;
      return parsed.host;
    } catch {
      return url;
    }
  }

  /** Per host (`hostname:port`), or undefined when no result carried a limit. */
  build(): Readonly<Record<string, HostLimitSummary>> | undefined {
    if (this.hosts.size === 0) return undefined;
    const result: Record<string, HostLimitSummary> = {};
    for (const [host, { limit, peak, min, series }] of this.hosts) {
      // With `ordered`, results (and the changes they carry) arrive in input order, not as made.
      const sorted = [...series].sort((a, b) => a.at - b.at);
      result[host] = { limit: sorted.at(-1)?.limit ?? limit, peak, min, series: sorted };
    }
    return result;
  }
}
