import type { FanoutError } from '../errors/fanout-error.js';
import { IDEMPOTENT_METHODS, type HttpMethod } from '../transports/http-method.js';

/** What a {@link RetryOptions.shouldRetry} hook is told about a failed attempt. */
export interface RetryContext {
  /** Why the attempt failed. */
  readonly error: FanoutError;
  /** Attempts made so far (1 after the first failure). */
  readonly attempt: number;
  /** The request that failed. */
  readonly request: {
    readonly url: string;
    readonly method: HttpMethod;
    readonly headers: Readonly<Record<string, string>>;
  };
  /**
   * The built-in verdict: the method may be retried (it is in `methods`, or the request has an
   * `Idempotency-Key` header) and the error's status is in `statusCodes` or its code in
   * `errorCodes`. A hook that only narrows returns `retryable && …`.
   */
  readonly retryable: boolean;
}

/**
 * The retry policy, one option (`retry: 3` is `retry: { limit: 3 }`). An attempt that failed is
 * tried again when the request's method may be retried, the failure is a listed status or error
 * code, `shouldRetry` (if given) agrees, attempts remain, the wait would end before the run's
 * `deadline`, and the run's retry budget allows it. Never after the run was aborted or passed
 * its deadline.
 *
 * @example
 * fanout(urls, { retry: { limit: 4, statusCodes: [429, 503], backoff: { base: 250 } } })
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt (`0` turns retrying off).
   * @default 2
   * @example { limit: 5 }
   */
  readonly limit?: number;
  /**
   * Methods that are retried. POST and PATCH are not idempotent and are left out: such a request
   * is retried only when it carries an `Idempotency-Key` header (whatever its method).
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   * @example { methods: ['GET'] }
   */
  readonly methods?: readonly HttpMethod[];
  /**
   * Response statuses that are retried.
   * @default [408, 429, 500, 502, 503, 504]
   * @example { statusCodes: [429, 503] }
   */
  readonly statusCodes?: readonly number[];
  /**
   * Error codes that are retried (an allowlist): network codes and `ETIMEDOUT` (an attempt's
   * timeout). TLS codes (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, …) are not in it and
   * are never retried; nor are `EDEADLINE`, `EABORTED`, `EPARSE` or `EBODYTOOLARGE`.
   * @default ['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNECTTIMEOUT', 'EADDRINUSE']
   * @example { errorCodes: ['ECONNRESET'] } // retry resets only, not timeouts
   */
  readonly errorCodes?: readonly string[];
  /**
   * Exponential backoff with full jitter: retry n (from 0) waits a random time in
   * `[0, min(max, base * 2^n))` milliseconds.
   * @default { base: 100, max: 30000 }
   * @example { backoff: { base: 500, max: 10_000 } }
   */
  readonly backoff?: { readonly base?: number; readonly max?: number };
  /**
   * Longest `Retry-After` honoured, in milliseconds; a longer one is cut to this. A `Retry-After`
   * replaces the backoff, and on a 429 or 503 pauses every request to that host. Also the longest
   * wait for an announced rate-limit reset (`rateLimitHeaders`): past it, `ERATELIMITED` at once.
   * @default 30000
   * @example { maxRetryAfter: 5000 }
   */
  readonly maxRetryAfter?: number;
  /**
   * The run's retry budget, against retry storms: retries may reach `min + ratio * requests`
   * (`requests` being the inputs sent so far). A failed result whose retry the budget refused has
   * `retryBudgetExhausted: true`, and the summary counts them in `retriesRefused`. `false`: no
   * budget. With `sharedLimits` the shared budget applies instead.
   * @default { ratio: 0.2, min: 10 }
   * @example { budget: { ratio: 0.5, min: 0 } }
   */
  readonly budget?: { readonly ratio?: number; readonly min?: number } | false;
  /**
   * Decides last (before the budget): return `true` to retry, `false` not to. It sees the
   * built-in verdict as `context.retryable`, so it can widen the policy as well as narrow it.
   * The limit, the deadline, an abort and the budget still apply.
   * @default undefined (the built-in verdict)
   * @example { shouldRetry: ({ retryable, error }) => retryable && error.code !== 'ECONNREFUSED' }
   */
  readonly shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
}

/** {@link RetryOptions} with every default filled in. */
export interface ResolvedRetry {
  readonly limit: number;
  readonly methods: ReadonlySet<HttpMethod>;
  readonly statusCodes: ReadonlySet<number>;
  readonly errorCodes: ReadonlySet<string>;
  readonly backoff: { readonly base: number; readonly max: number };
  readonly maxRetryAfter: number;
  readonly budget: { readonly ratio: number; readonly min: number } | false;
  readonly shouldRetry?: (context: RetryContext) => boolean | Promise<boolean>;
}

export const RETRY_DEFAULTS = {
  limit: 2,
  methods: IDEMPOTENT_METHODS,
  statusCodes: [408, 429, 500, 502, 503, 504],
  errorCodes: ['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNECTTIMEOUT', 'EADDRINUSE'],
  backoff: { base: 100, max: 30_000 },
  maxRetryAfter: 30_000,
  budget: { ratio: 0.2, min: 10 },
} as const;

type Check = (name: string, value: number, min: number, integer: boolean) => void;

/** Fills in the defaults of `retry` and checks its numbers with `check` (a `RangeError` naming the field). */
export function resolveRetry(retry: number | RetryOptions | undefined, check: Check): ResolvedRetry {
  const options: RetryOptions = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const resolved: ResolvedRetry = {
    limit: options.limit ?? RETRY_DEFAULTS.limit,
    methods: new Set(options.methods ?? RETRY_DEFAULTS.methods),
    statusCodes: new Set(options.statusCodes ?? RETRY_DEFAULTS.statusCodes),
    errorCodes: new Set(options.errorCodes ?? RETRY_DEFAULTS.errorCodes),
    backoff: { base: options.backoff?.base ?? RETRY_DEFAULTS.backoff.base, max: options.backoff?.max ?? RETRY_DEFAULTS.backoff.max },
    maxRetryAfter: options.maxRetryAfter ?? RETRY_DEFAULTS.maxRetryAfter,
    budget:
      options.budget === false
        ? false
        : { ratio: options.budget?.ratio ?? RETRY_DEFAULTS.budget.ratio, min: options.budget?.min ?? RETRY_DEFAULTS.budget.min },
    shouldRetry: options.shouldRetry,
  };
  check(typeof retry === 'number' ? 'retry' : 'retry.limit', resolved.limit, 0, true);
  check('retry.backoff.base', resolved.backoff.base, 0, false);
  check('retry.backoff.max', resolved.backoff.max, 0, false);
  check('retry.maxRetryAfter', resolved.maxRetryAfter, 0, false);
  if (resolved.budget) {
    check('retry.budget.ratio', resolved.budget.ratio, 0, false);
    check('retry.budget.min', resolved.budget.min, 0, true);
  }
  return resolved;
}
