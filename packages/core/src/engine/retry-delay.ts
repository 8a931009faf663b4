import type { FanoutError } from '../errors/fanout-error.js';
import { HttpError } from '../errors/http-error.js';
import type { RequestTally } from './request-tally.js';
import { isFinal, isRetryable, pausesHost } from '../retry/retry-policy.js';
import type { RunContext } from './run-context.js';
import type { PreparedRequest } from './send-attempt.js';
import { fullJitterBackoff } from '../utils/backoff.js';

/**
 * How long to wait before retry number `retry` (1-based) after `error`, or `undefined` when the
 * request must not be retried: out of retries, the run aborted or past its deadline, not
 * retryable by the policy (or its `shouldRetry` hook), a wait that would end past the run's
 * deadline (fail fast, with the error at hand), or the retry budget is spent (noted on `tally`).
 * A `Retry-After` replaces the backoff and, on 429/503, pauses the whole host.
 */
export async function retryDelay(error: FanoutError, retry: number, request: PreparedRequest, ctx: RunContext, tally: RequestTally): Promise<number | undefined> {
  const policy = ctx.options.retry;
  if (retry > policy.limit || ctx.signal.aborted || isFinal(error)) return undefined;
  const retryable = isRetryable(error, request.method, request.headers, policy);
  const verdict = policy.shouldRetry
    ? await policy.shouldRetry({ error, attempt: tally.attempts, request: { url: request.url, method: request.method, headers: request.headers }, retryable })
    : retryable;
  if (!verdict || ctx.signal.aborted) return undefined;
  const wait =
    error instanceof HttpError && error.retryAfterMs !== undefined
      ? error.retryAfterMs
      : fullJitterBackoff(retry - 1, policy.backoff.base, policy.backoff.max);
  if (ctx.deadlineAt !== undefined && performance.now() + wait >= ctx.deadlineAt) return undefined;
  if (!(await ctx.budget.tryTakeRetry())) {
    tally.retryBudgetExhausted = true;
    return undefined;
  }
  if (pausesHost(error)) ctx.gate.pause(request.host, error.retryAfterMs);
  return wait;
}
