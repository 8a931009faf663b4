import { MAX_TIMER_MS } from '../base/timer.js';
import { FanoutError } from './fanout-error.js';

/**
 * The host's announced rate-limit budget is spent, and its reset (from `RateLimit`,
 * `RateLimit-Reset` or `X-RateLimit-Reset`) is further away than the longest wait fanout takes
 * (`retry.maxRetryAfter`, 30 s by default): the request failed at once, without being sent,
 * instead of waiting (for ever, with an absurd reset). Never retried.
 */
export class RateLimitedError extends FanoutError {
  override readonly name = 'RateLimitedError' as const;
  readonly code = 'ERATELIMITED' as const;

  /**
   * @param host the `host[:port]` that announced the budget.
   * @param resetInMs milliseconds until the budget resets, as announced.
   * @param maxWaitMs the longest wait taken (`retry.maxRetryAfter`).
   */
  constructor(
    readonly host: string,
    readonly resetInMs: number,
    readonly maxWaitMs: number,
  ) {
    super(`Rate limit of ${host} is spent until its reset in ${resetInMs >= MAX_TIMER_MS ? 'over 24 days' : `${Math.ceil(resetInMs / 1000)} s`}, longer than the longest wait (maxRetryAfter ${maxWaitMs} ms); not sent`);
  }
}
