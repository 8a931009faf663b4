import type { FetchResult } from '../result.js';
import { percentile } from './percentile.js';

/** Request latencies of a run in milliseconds (nearest-rank percentiles). */
export interface LatencyStats {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** What a run did, in numbers. */
export interface Summary {
  readonly count: number;
  readonly ok: number;
  readonly failed: number;
  /** Failed results counted by error code, e.g. `{ EHTTP: 2, ETIMEDOUT: 1 }`. */
  readonly failedByCode: Readonly<Record<string, number>>;
  /** Responses counted by final HTTP status, e.g. `{ '200': 98, '404': 2 }`. */
  readonly statuses: Readonly<Record<string, number>>;
  /** All attempts made, retries included. */
  readonly attempts: number;
  readonly wallMs: number;
  /** Results per second of wall time. */
  readonly throughput: number;
  readonly latency: LatencyStats;
}

/**
 * Accumulates results one by one (a run of a million keeps only one number per result) and
 * builds the `Summary` at the end.
 */
export class SummaryBuilder {
  private latencies = new Float64Array(1024);
  private count = 0;
  private ok = 0;
  private attempts = 0;
  private readonly failedByCode: Record<string, number> = {};
  private readonly statuses: Record<string, number> = {};

  add(result: FetchResult): void {
    if (this.count === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.count++] = result.timing.ms;
    this.attempts += result.attempts;
    if (result.ok) this.ok++;
    else this.failedByCode[result.error.code] = (this.failedByCode[result.error.code] ?? 0) + 1;
    if (result.status !== undefined) this.statuses[result.status] = (this.statuses[result.status] ?? 0) + 1;
  }

  build(wallMs: number): Summary {
    const sorted = this.latencies.slice(0, this.count).sort();
    let total = 0;
    for (const ms of sorted) total += ms;
    return {
      count: this.count,
      ok: this.ok,
      failed: this.count - this.ok,
      failedByCode: { ...this.failedByCode },
      statuses: { ...this.statuses },
      attempts: this.attempts,
      wallMs,
      throughput: wallMs > 0 ? (this.count * 1000) / wallMs : 0,
      latency: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? (sorted[sorted.length - 1] as number) : 0,
        mean: sorted.length ? total / sorted.length : 0,
      },
    };
  }
}

/**
 * Summarises finished results: counts, failures by code, throughput over `wallMs`, latency
 * percentiles.
 *
 * @example
 * const results = await lastValueFrom(fanout(urls).pipe(toArray()));
 * summarize(results, wallMs).latency.p95;
 */
export function summarize(results: Iterable<FetchResult>, wallMs: number): Summary {
  const builder = new SummaryBuilder();
  for (const result of results) builder.add(result);
  return builder.build(wallMs);
}
