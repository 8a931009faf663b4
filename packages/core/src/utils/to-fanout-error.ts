import { FanoutError } from '../errors/fanout-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { Cancellation } from './cancellation.js';

/** The first string `code` on an error or its causes (a system, TLS or zlib code). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A `NetworkError` that keeps the error's own code (`ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`, ...), `ENETWORK` when it has none. */
export function toNetworkError(error: unknown, code: string | undefined = errorCode(error)): NetworkError {
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(code ?? 'ENETWORK', message || 'Network error', { cause: error });
}

/**
 * Maps anything a transport threw to a `FanoutError`. An aborted attempt wins: its reason
 * (timeout, deadline or abort) is the real cause, whatever the transport made of it. Each
 * transport maps its own errors at its boundary; this is the fallback for the rest.
 */
export function toFanoutError(error: unknown, cancellation?: Cancellation): FanoutError {
  if (cancellation?.reason) return cancellation.reason;
  if (error instanceof FanoutError) return error;
  return toNetworkError(error);
}
