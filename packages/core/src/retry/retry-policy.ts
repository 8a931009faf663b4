import type { FanoutError } from '../errors/fanout-error.js';
import { HttpError } from '../errors/http-error.js';
import type { ResolvedRetry } from './retry-options.js';
import type { HttpMethod } from '../transports/http-method.js';

/**
 * Errors that end a request whatever the policy says: the run is over, the request was cancelled,
 * or it was redirected past its limit (the server would only send it round again).
 */
const FINAL_CODES: ReadonlySet<string> = new Set(['EDEADLINE', 'EABORTED', 'ETOOMANYREDIRECTS', 'ETRANSPORTMISSING']);

/** Whether `headers` carry an `Idempotency-Key` (any case), which makes any method safe to retry. */
export function hasIdempotencyKey(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (name.length === 15 && name.toLowerCase() === 'idempotency-key') return true;
  return false;
}

/**
 * The built-in verdict on an attempt that failed with `error`: the method may be retried (listed
 * in `methods`, or the request has an `Idempotency-Key`), and the status is in `statusCodes` or
 * the code in `errorCodes` (an allowlist: TLS codes are never in it by default).
 */
export function isRetryable(error: FanoutError, method: HttpMethod, headers: Readonly<Record<string, string>>, policy: ResolvedRetry): boolean {
  if (!policy.methods.has(method) && !hasIdempotencyKey(headers)) return false;
  if (error instanceof HttpError) return policy.statusCodes.has(error.status);
  return policy.errorCodes.has(error.code);
}

/** Whether no policy or hook may retry after this error (the deadline passed, the run was aborted). */
export function isFinal(error: FanoutError): boolean {
  return FINAL_CODES.has(error.code);
}

/** Whether a `Retry-After` on this error should pause the whole host, not just this request. */
export function pausesHost(error: FanoutError): error is HttpError & { retryAfterMs: number } {
  return error instanceof HttpError && error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503);
}
