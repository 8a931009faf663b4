import { FanoutError } from './fanout-error.js';

/**
 * The connection failed: refused, reset, DNS lookup failed, the body was cut short, ...
 * `code` is the system code when there is one (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`,
 * `EAI_AGAIN`, `EPIPE`, ...), else `ENETWORK`.
 */
export class NetworkError extends FanoutError {
  override readonly name = 'NetworkError' as const;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
