import type { FanoutError } from '../errors/fanout-error.js';
import type { RequestTimeline } from './timeline.js';

/**
 * When a request ran. `start` and `end` are epoch milliseconds (sub-millisecond precision):
 * `start` is when the run took the input, `end` its outcome. `ms = end - start` is the total;
 * `queuedMs` the part spent waiting (for a concurrency slot, a per-host slot, a rate limit or a
 * host's pause after a `Retry-After`); `wireMs` the attempts' time on the wire, summed (no
 * queueing, no backoff). `ms - queuedMs - wireMs` is what was left: backoff between retries and
 * the library's own overhead.
 */
export interface Timing {
  readonly start: number;
  readonly end: number;
  readonly ms: number;
  readonly queuedMs: number;
  readonly wireMs: number;
}

interface ResultBase<K> {
  /** The input's position (0-based) in the input sequence. */
  readonly index: number;
  /** The `key` of the input's `RequestSpec`, unchanged; absent when it had none. Never serialized. */
  readonly key?: K;
  readonly url: string;
  /** How many attempts were sent: 1 plus the retries. 0 when no request could be sent. */
  readonly attempts: number;
  readonly timing: Timing;
  /** With `concurrency: 'auto'`: the adaptive limit of the request's host when it finished. */
  readonly concurrencyLimit?: number;
  /** The attempts' spans on the wire; present only with the `timeline` option. */
  readonly timeline?: RequestTimeline;
  /**
   * The last response's headers (lower-case names); present only with the `includeHeaders`
   * option, on a result that got a response.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * With `followRedirects`, once a request was sent: the URL of the last request (where the
   * redirects led; `url` itself when there were none), without credentials.
   */
  readonly finalUrl?: string;
  /** With `followRedirects`, once a request was sent: how many redirects were followed (0 for none). */
  readonly redirects?: number;
}

/** A request that got a 2xx response (or one `okStatus` accepts) with a parsable body. */
export interface OkResult<T = unknown, K = unknown> extends ResultBase<K> {
  readonly ok: true;
  readonly status: number;
  readonly data: T;
}

/** A request that failed; `error` says why, with a stable `code`. */
export interface FailedResult<K = unknown> extends ResultBase<K> {
  readonly ok: false;
  /** The last HTTP status received, if any response arrived. */
  readonly status?: number;
  readonly error: FanoutError;
  /**
   * `true` when the policy called for a retry but the run's retry budget was spent: this is why
   * the request stopped after `attempts` attempts.
   */
  readonly retryBudgetExhausted?: true;
}

/**
 * Exactly one per input: never thrown, always emitted. Discriminated on `ok`. `T` is the type of
 * `data`, `K` that of the caller's `key` (see `RequestSpec.key`).
 */
export type FetchResult<T = unknown, K = unknown> = OkResult<T, K> | FailedResult<K>;
