import { FanoutError } from './fanout-error.js';

/** The request was cancelled: the caller's `signal` fired or the subscriber unsubscribed. */
export class AbortError extends FanoutError {
  override readonly name = 'AbortError' as const;
  readonly code = 'EABORTED' as const;

  constructor(message = 'Request was aborted') {
    super(message);
  }
}
