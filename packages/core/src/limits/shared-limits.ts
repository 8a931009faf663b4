import type { AnnouncedBudget } from './announced-budget.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';

/**
 * Limits kept outside this process, so that several processes (workers on several machines)
 * are together as polite as one: the rate limits, the per-host pause after a `Retry-After`,
 * the retry budget, and optionally the per-host concurrency and circuit breaker. `@fanout/queue`
 * implements it on Redis.
 *
 * @example
 * fanout(urls, { perHostRate: 10, sharedLimits: redisLimits }) // 10/s per host across all workers
 */
export interface SharedLimits {
  /**
   * Books the next send slot for `host` under the run's `rate` and `perHostRate`, any pause of
   * the host and, with {@link SharedLimits.announceBudget}, the budget the host announced (it
   * then waits, until `signal` aborts, for the budget to let one more go); resolves to how many
   * milliseconds to wait before sending. When the budget's reset is further than `maxWaitMs`
   * (the run's `retry.maxRetryAfter`), it rejects with `RateLimitedError` instead of waiting.
   */
  reserve(host: string, signal?: AbortSignal, maxWaitMs?: number): Promise<number>;
  /**
   * Takes a send slot of `host` booked ahead (several booked in one call to the other
   * processes while nothing holds the host back), to send at once without waiting for them;
   * `false` when there is none, and {@link SharedLimits.reserve} books the slot. Optional.
   */
  takeBooked?(host: string): boolean;
  /** Holds back every request to `host`, in every process, for `ms`. */
  pause(host: string, ms: number): void;
  /** Counts one input sent (the retry budget's base). */
  recordRequest(): void;
  /** Takes one retry from the shared budget; false when it is spent. */
  tryTakeRetry(): Promise<boolean>;
  /**
   * Takes one of `limit` slots for requests in flight to `host`, shared by every process (the
   * run's `perHost`); resolves to its release, rejects when `signal` aborts. Optional: without
   * it, `perHost` holds per process.
   */
  acquireHost?(host: string, limit: number, signal: AbortSignal): Promise<() => void>;
  /**
   * Asks whether an attempt to `host` may go under the circuit breaker shared by every process:
   * `'closed'` (go), `'probe'` (go as the one probe of an open circuit; this process holds the
   * probe for `probeLeaseMs`, so a probe whose process died does not block the host for ever), or
   * the open circuit's state (fail fast). Optional, with {@link SharedLimits.circuitRecord}:
   * without both, the breaker holds per process. Answered at once (not a promise) when known
   * without asking the other processes (e.g. read with a booking moments ago).
   */
  circuitAdmit?(host: string, probeLeaseMs: number): CircuitAdmission | Promise<CircuitAdmission>;
  /**
   * Tells every process the budget `host` announced in its rate-limit headers (`resetMs` holds
   * the safety margin already), with how many
   * attempts to it ended here since the last call (`answered`), so that sends in all processes
   * stay within it: `reserve(host)` then includes the wait. Without it, pacing holds per process.
   */
  announceBudget?(host: string, budget: AnnouncedBudget, answered: number): void;
  /** Records how an admitted attempt to `host` ended (`probe`: it was the probe); outcomes recorded together may share one promise. */
  circuitRecord?(host: string, outcome: CircuitOutcome, probe: boolean, breaker: Required<CircuitBreakerOptions>): Promise<void>;
}

/** What a shared circuit breaker answers an attempt to a host. */
export type CircuitAdmission =
  | { readonly state: 'closed' | 'probe' }
  | { readonly state: 'open'; readonly failures: number; readonly retryInMs: number };

/**
 * How an attempt ended, for the circuit breaker: `'response'` (any status: the host is up),
 * `'unreachable'` (failed to connect or timed out) or `'other'` (e.g. cancelled).
 */
export type CircuitOutcome = 'response' | 'unreachable' | 'other';
