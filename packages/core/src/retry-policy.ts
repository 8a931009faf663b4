import { FanoutError } from './errors/fanout-error.js';
import { HttpError } from './errors/http-error.js';
import { NetworkError } from './errors/network-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { isIdempotent, type HttpMethod } from './request.js';

const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const PERMANENT_NETWORK_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EPROXY']);

/**
 * Whether an attempt that failed with `error` may be tried again: idempotent methods only; on
 * network errors (but not a host that does not exist), per-attempt timeouts and statuses 408,
 * 429, 500, 502, 503, 504. Never on a parse error, an oversized body, an abort or the deadline.
 */
export function isRetryable(error: FanoutError, method: HttpMethod): boolean {
  if (!isIdempotent(method)) return false;
  if (error instanceof HttpError) return RETRYABLE_STATUS.has(error.status);
  if (error instanceof TimeoutError) return error.code === 'ETIMEDOUT';
  // System codes only (ECONNRESET, EAI_AGAIN, ...): never TLS (DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_*) or zlib (Z_*) codes.
  if (error instanceof NetworkError) return /^E(?!RR_)[A-Z_]+$/.test(error.code) && !PERMANENT_NETWORK_CODES.has(error.code);
  return false;
}

/** Whether a `Retry-After` on this error should pause the whole host, not just this request. */
export function pausesHost(error: FanoutError): error is HttpError & { retryAfterMs: number } {
  return error instanceof HttpError && error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503);
}
