import { FanoutError } from './fanout-error.js';

/**
 * A time limit ran out. `ETIMEDOUT`: one attempt exceeded the per-request `timeout` (headers and
 * body). `EDEADLINE`: the whole run's `deadline` passed before this request finished.
 */
export class TimeoutError extends FanoutError {
  override readonly name = 'TimeoutError' as const;

  constructor(
    readonly timeoutMs: number,
    readonly code: 'ETIMEDOUT' | 'EDEADLINE' = 'ETIMEDOUT',
  ) {
    super(
      code === 'EDEADLINE'
        ? `Run deadline of ${timeoutMs} ms passed before the request finished`
        : `Request timed out after ${timeoutMs} ms`,
    );
  }
}
