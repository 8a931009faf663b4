import type { FanoutError } from './errors/fanout-error.js';

/** When a request ran: epoch milliseconds (sub-millisecond precision) and the duration. */
export interface Timing {
  readonly start: number;
  readonly end: number;
  readonly ms: number;
}

interface ResultBase {
  /** The input's position (0-based) in the input sequence. */
  readonly index: number;
  readonly url: string;
  /** How many attempts were made: 1 plus the retries. 0 when no request could be sent. */
  readonly attempts: number;
  /** From the first attempt's start to the final outcome, backoff included. */
  readonly timing: Timing;
}

/** A request that got a 2xx response with a parsable body. */
export interface OkResult<T = unknown> extends ResultBase {
  readonly ok: true;
  readonly status: number;
  readonly data: T;
}

/** A request that failed; `error` says why, with a stable `code`. */
export interface FailedResult extends ResultBase {
  readonly ok: false;
  /** The last HTTP status received, if any response arrived. */
  readonly status?: number;
  readonly error: FanoutError;
}

/** Exactly one per input: never thrown, always emitted. Discriminated on `ok`. */
export type FetchResult<T = unknown> = OkResult<T> | FailedResult;
