import { catchError, defer, map, type Observable, of, retry, throwError } from 'rxjs';
import { FanoutError } from './errors/fanout-error.js';
import { HttpError } from './errors/http-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { toRequestSpec, type RequestInput } from './request.js';
import type { FetchResult } from './result.js';
import { isRetryable, pausesHost } from './retry-policy.js';
import type { RunContext } from './run-context.js';
import { sendAttempt, type PreparedRequest } from './send-attempt.js';
import { fullJitterBackoff } from './utils/backoff.js';
import { now } from './utils/clock.js';
import { fromAbortable } from './utils/from-abortable.js';
import { sleep } from './utils/sleep.js';
import { toFanoutError } from './utils/to-fanout-error.js';

function prepare(input: RequestInput, defaults: Readonly<Record<string, string>>): PreparedRequest {
  const spec = toRequestSpec(input);
  let parsed: URL;
  try {
    parsed = new URL(spec.url);
  } catch {
    throw new InvalidUrlError(spec.url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidUrlError(spec.url);
  return {
    url: spec.url,
    host: parsed.host,
    method: spec.method,
    headers: spec.headers ? { ...defaults, ...spec.headers } : defaults,
    body: spec.body,
  };
}

/**
 * One request as an Observable: emits exactly one `FetchResult` and completes; it never errors.
 * Failed attempts are retried per the run's policy and budget (`retry`), and whatever still
 * fails becomes a failed result (`catchError`). Unsubscribing aborts the request in flight.
 *
 * @example
 * fetchOne('https://jsonplaceholder.typicode.com/posts/1', 0, ctx).subscribe(console.log);
 */
export function fetchOne<T = unknown>(input: RequestInput, index: number, ctx: RunContext): Observable<FetchResult<T>> {
  return defer(() => {
    const start = now();
    const url = typeof input === 'string' ? input : toRequestSpec(input).url;
    let attempts = 0;
    let request: PreparedRequest;
    try {
      request = prepare(input, ctx.options.headers);
    } catch (error) {
      return of(failed(index, url, 0, start, toFanoutError(error)));
    }
    const countSend = () => {
      if (++attempts === 1) ctx.budget.recordRequest();
    };
    return defer(() => fromAbortable((signal) => sendAttempt(request, ctx, signal, countSend), ctx.signal)).pipe(
      retry({ delay: (error: unknown, retryCount: number) => retryDelay(toFanoutError(error), retryCount, request, ctx) }),
      map((outcome): FetchResult<T> => {
        const end = now();
        return { index, url, ok: true, status: outcome.status, attempts, timing: { start, end, ms: end - start }, data: outcome.data as T };
      }),
      catchError((error: unknown) => of(failed(index, url, attempts, start, toFanoutError(error)))),
    );
  });
}

function retryDelay(error: FanoutError, retryCount: number, request: PreparedRequest, ctx: RunContext): Observable<void> {
  const { options } = ctx;
  if (retryCount > options.retries || ctx.signal.aborted || !isRetryable(error, request.method) || !ctx.budget.tryTakeRetry()) {
    return throwError(() => error);
  }
  let wait = fullJitterBackoff(retryCount - 1, options.retryBaseDelay, options.retryMaxDelay);
  if (error instanceof HttpError && error.retryAfterMs !== undefined) wait = error.retryAfterMs;
  if (pausesHost(error)) ctx.gate.pause(request.host, error.retryAfterMs);
  return fromAbortable((signal) => sleep(wait, signal), ctx.signal);
}

function failed(index: number, url: string, attempts: number, start: number, error: FanoutError): FetchResult<never> {
  const end = now();
  const timing = { start, end, ms: end - start };
  return error instanceof HttpError
    ? { index, url, ok: false, status: error.status, attempts, timing, error }
    : { index, url, ok: false, attempts, timing, error };
}
