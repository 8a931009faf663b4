import { HttpError } from './errors/http-error.js';
import type { FanoutError } from './errors/fanout-error.js';
import { isRetryable, pausesHost } from './retry-policy.js';
import type { RunContext } from './run-context.js';
import { sendAttempt, type AttemptOutcome, type PreparedRequest } from './send-attempt.js';
import { fullJitterBackoff } from './utils/backoff.js';
import { Cancellation } from './utils/cancellation.js';
import { sleep } from './utils/sleep.js';
import { toFanoutError } from './utils/to-fanout-error.js';

/**
 * How long to wait before retry number `retry` (1-based) after `error`, or `undefined` when the
 * request must not be retried: out of retries, run aborted, not retryable (`isRetryable`), or
 * the run's retry budget is spent. A `Retry-After` replaces the backoff and, on 429/503,
 * pauses the whole host.
 */
export async function retryDelay(error: FanoutError, retry: number, request: PreparedRequest, ctx: RunContext): Promise<number | undefined> {
  const { options } = ctx;
  if (retry > options.retries || ctx.signal.aborted || !isRetryable(error, request.method) || !(await ctx.budget.tryTakeRetry())) return undefined;
  if (pausesHost(error)) ctx.gate.pause(request.host, error.retryAfterMs);
  if (error instanceof HttpError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return fullJitterBackoff(retry - 1, options.retryBaseDelay, options.retryMaxDelay);
}

/**
 * Sends a request, retrying per the run's policy: each attempt has its own cancellation (its
 * timeout aborts only that attempt), tied to `request`'s, which the run or an unsubscribe
 * aborts; that also cuts a backoff sleep short. Rejects with the last attempt's `FanoutError`.
 */
export async function sendWithRetries(prepared: PreparedRequest, ctx: RunContext, cancellation: Cancellation, onSend: () => void): Promise<AttemptOutcome> {
  for (let retry = 1; ; retry++) {
    const attempt = new Cancellation();
    const untie = cancellation.onAbort((reason) => attempt.abort(reason));
    let error: FanoutError;
    try {
      return await sendAttempt(prepared, ctx, attempt, onSend);
    } catch (thrown) {
      error = toFanoutError(thrown, attempt);
    } finally {
      untie();
    }
    const wait = await retryDelay(error, retry, prepared, ctx);
    if (wait === undefined) throw error;
    await sleep(wait, cancellation);
  }
}
