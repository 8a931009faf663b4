import { FanoutError, type SerializedError } from './fanout-error.js';

/** The server answered with a status outside 200–299. */
export class HttpError extends FanoutError {
  override readonly name = 'HttpError' as const;
  readonly code = 'EHTTP' as const;

  /**
   * @param status the HTTP status code received.
   * @param retryAfterMs the server's `Retry-After`, in milliseconds from now, when it sent one.
   */
  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(`Request failed with status ${status}`);
  }

  override toJSON(): SerializedError {
    return { ...super.toJSON(), status: this.status };
  }
}
