import type { SinkErrorCode } from './fanout-error-code.js';
import { FanoutError } from './fanout-error.js';

/**
 * The response arrived, but its body could not be stored by the `sink`: the disk is full
 * (`ENOSPC`), a permission is missing (`EACCES`, `EPERM`), the file system is read-only
 * (`EROFS`), ... `code` is the system code when there is one, else `ESINK`. Never retried.
 */
export class SinkError extends FanoutError {
  override readonly name = 'SinkError' as const;

  constructor(
    readonly code: SinkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Wraps whatever a sink threw (a `FanoutError` is kept as it is). */
  static from(error: unknown): FanoutError {
    if (error instanceof FanoutError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    return new SinkError(typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : 'ESINK', `Could not store the body: ${message}`, { cause: error });
  }
}
