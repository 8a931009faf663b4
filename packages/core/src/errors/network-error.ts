import type { NetworkErrorCode } from './fanout-error-code.js';
import { FanoutError } from './fanout-error.js';

/**
 * The connection failed: refused, reset, DNS lookup failed, the body was cut short, ...
 * `code` is the system code when there is one (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`,
 * `EAI_AGAIN`, `EPIPE`, ...) or the TLS code (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`,
 * ...), else `ENETWORK`. The underlying error is its `cause`.
 */
export class NetworkError extends FanoutError {
  override readonly name = 'NetworkError' as const;

  constructor(
    readonly code: NetworkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
