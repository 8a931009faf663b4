import { DEFAULTS } from './options.js';
import { RETRY_DEFAULTS } from '../retry/retry-options.js';

/**
 * The defaults of fanout's main options, read-only (frozen, deep): what a run uses for an option
 * left out. For a caller that shows them or builds on them (a CLI's help and its connection
 * pool, a form's placeholders), so that the numbers are written once, here. Changing an option's
 * default changes it here too; assigning to this object changes nothing (it is frozen).
 */
export interface FanoutDefaults {
  /** `FanoutOptions.concurrency`: requests in flight at once. */
  readonly concurrency: number;
  /** `FanoutOptions.maxConcurrency`: the bound of `concurrency: 'auto'`. */
  readonly maxConcurrency: number;
  /** `FanoutOptions.timeout`, ms: one attempt's limit. */
  readonly timeout: number;
  /** `FanoutOptions.maxBodyBytes`: a body held in memory at most. */
  readonly maxBodyBytes: number;
  /** `FanoutOptions.maxRedirects`: redirects followed at most (with `followRedirects`). */
  readonly maxRedirects: number;
  /** `FanoutOptions.speedLimit`, bytes/s: a `sink` body slower than this over `speedTime` fails. */
  readonly speedLimit: number;
  /** `FanoutOptions.speedTime`, s. */
  readonly speedTime: number;
  readonly retry: {
    /** `RetryOptions.limit`: retries per request. */
    readonly limit: number;
    /** `RetryOptions.methods`: the methods retried. */
    readonly methods: readonly string[];
    /** `RetryOptions.statusCodes`: the statuses retried. */
    readonly statusCodes: readonly number[];
    /** `RetryOptions.budget`: retries per request sent, and the retries always allowed. */
    readonly budget: { readonly ratio: number; readonly min: number };
  };
}

/** See {@link FanoutDefaults}. */
export const defaults: FanoutDefaults = Object.freeze({
  concurrency: DEFAULTS.concurrency,
  maxConcurrency: DEFAULTS.maxConcurrency,
  timeout: DEFAULTS.timeout,
  maxBodyBytes: DEFAULTS.maxBodyBytes,
  maxRedirects: DEFAULTS.maxRedirects,
  speedLimit: DEFAULTS.speedLimit,
  speedTime: DEFAULTS.speedTime,
  retry: Object.freeze({
    limit: RETRY_DEFAULTS.limit,
    methods: Object.freeze([...RETRY_DEFAULTS.methods]),
    statusCodes: Object.freeze([...RETRY_DEFAULTS.statusCodes]),
    budget: Object.freeze({ ...RETRY_DEFAULTS.budget }),
  }),
});
