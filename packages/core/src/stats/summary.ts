import type { FetchResult } from '../contract/result.js';
import { round1 } from '../utils/round.js';
import { TimeHistogram, type LatencyStats } from './time-histogram.js';
import { HostLimits, type HostLimitSummary } from './host-limits.js';

/** What a run did, in numbers. Times are milliseconds rounded to 0.1 ms. */
export interface Summary {
  readonly count: number;
  readonly ok: number;
  readonly failed: number;
  /** Failed results counted by error code, e.g. `{ EHTTP: 2, ETIMEDOUT: 1 }`. */
  readonly failedByCode: Readonly<Record<string, number>>;
  /** Responses counted by final HTTP status, e.g. `{ '200': 98, '404': 2 }`. */
  readonly statuses: Readonly<Record<string, number>>;
  /** All attempts sent, retries included (an input that could not be sent counts 0). */
  readonly attempts: number;
  /** Retries sent: each result's attempts after its first. */
  readonly retries: number;
  /** Retries the policy asked for but the run's retry budget refused (results with `retryBudgetExhausted`). */
  readonly retriesRefused: number;
  readonly wallMs: number;
  /** Results per second of wall time (0.1 precision). */
  readonly throughput: number;
  /** Wire time per request (its attempts summed, no queueing, no backoff), over the requests that were sent. */
  readonly latency: LatencyStats;
  /** Time per request spent waiting for a concurrency slot, a per-host slot, a rate limit or a host's pause. */
  readonly queued: LatencyStats;
  /** With `concurrency: 'auto'`: each host's adaptive limit (where it ended, its peak and low, and with `timeline` its series). */
  readonly concurrencyLimits?: Readonly<Record<string, HostLimitSummary>>;
}

/**
 * Accumulates results one by one, in fixed memory (times go into histograms), and builds the
 * `Summary` at the end.
 */
export class SummaryBuilder {
  private readonly wire = new TimeHistogram();
  private readonly queued = new TimeHistogram();
  private count = 0;
  private ok = 0;
  private attempts = 0;
  private retries = 0;
  private retriesRefused = 0;
  private readonly failedByCode: Record<string, number> = {};
  private readonly statuses: Record<string, number> = {};
  private readonly limits = new HostLimits();

  add(result: FetchResult): void {
    this.count++;
    this.queued.add(result.timing.queuedMs);
    if (result.attempts > 0) {
      this.wire.add(result.timing.wireMs);
      this.retries += result.attempts - 1;
    }
    this.attempts += result.attempts;
    if (result.ok) this.ok++;
    else {
      this.failedByCode[result.error.code] = (this.failedByCode[result.error.code] ?? 0) + 1;
      if (result.retryBudgetExhausted) this.retriesRefused++;
    }
    if (result.status !== undefined) this.statuses[result.status] = (this.statuses[result.status] ?? 0) + 1;
    if (result.concurrencyLimit !== undefined) this.limits.add(result);
  }

  build(wallMs: number): Summary {
    const limits = this.limits.build();
    return {
      count: this.count,
      ok: this.ok,
      failed: this.count - this.ok,
      failedByCode: { ...this.failedByCode },
      statuses: { ...this.statuses },
      attempts: this.attempts,
      retries: this.retries,
      retriesRefused: this.retriesRefused,
      wallMs: round1(wallMs),
      throughput: round1(wallMs > 0 ? (this.count * 1000) / wallMs : 0),
      latency: this.wire.stats(),
      queued: this.queued.stats(),
      ...(limits ? { concurrencyLimits: limits } : {}),
    };
  }
}

/**
 * Summarises finished results: counts, failures by code, throughput over `wallMs`, wire-time
 * latency and queue-time percentiles.
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
