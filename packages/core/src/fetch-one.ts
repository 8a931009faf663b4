import { catchError, defer, map, type Observable, of } from 'rxjs';
import { FanoutError } from './errors/fanout-error.js';
import { HttpError } from './errors/http-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { toRequestSpec, type RequestInput } from './request.js';
import { RequestTally } from './request-tally.js';
import type { FailedResult, FetchResult, Timing } from './result.js';
import type { RunContext } from './run-context.js';
import type { PreparedRequest } from './send-attempt.js';
import { sendWithRetries } from './send-with-retries.js';
import { AttemptRecorder, withLimitChanges } from './timeline.js';
import { epoch } from './utils/clock.js';
import { fromAbortable } from './utils/from-abortable.js';
import { toFanoutError } from './utils/to-fanout-error.js';

/** The `host[:port]` of a plain `http://host[:port]/…` URL, or undefined for anything else. */
function simpleHost(url: string): string | undefined {
  const start = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : -1;
  if (start < 0) return undefined;
  let end = start;
  for (; end < url.length; end++) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    const plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 46 || c === 45; // a-z 0-9 : . -
    if (!plain) return undefined;
  }
  return end > start ? url.slice(start, end) : undefined;
}

/** The host of an absolute http(s) URL without whitespace; throws `InvalidUrlError` for anything else. */
function hostOf(url: string): string {
  if (/\s/.test(url)) throw new InvalidUrlError(url); // WHATWG URL would send a space as %20
  const simple = simpleHost(url);
  if (simple !== undefined) return simple;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidUrlError(url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidUrlError(url);
  return parsed.host;
}

function prepare(input: RequestInput, defaults: Readonly<Record<string, string>>): PreparedRequest {
  const spec = toRequestSpec(input);
  return {
    url: spec.url,
    host: hostOf(spec.url),
    method: spec.method,
    headers: spec.headers ? { ...defaults, ...spec.headers } : defaults,
    body: spec.body,
  };
}

/**
 * One request as an Observable: emits exactly one `FetchResult` and completes; it never errors.
 * Failed attempts are retried per the run's policy and budget, and whatever still fails
 * becomes a failed result (`catchError`). Unsubscribing aborts the request in flight.
 * `arrivedAt` (`performance.now()` clock) is when the run took the input, if earlier than now:
 * the time until now counts as queued.
 */
export function fetchOne<T = unknown>(input: RequestInput, index: number, ctx: RunContext, arrivedAt?: number): Observable<FetchResult<T>> {
  return defer(() => {
    const subscribed = performance.now();
    const start = arrivedAt ?? subscribed;
    const tally = new RequestTally(subscribed - start, ctx.options.timeline ? new AttemptRecorder() : undefined);
    const url = typeof input === 'string' ? input : toRequestSpec(input).url;
    let request: PreparedRequest;
    try {
      request = { ...prepare(input, ctx.options.headers), index };
    } catch (error) {
      return of(failed(index, url, start, tally, toFanoutError(error)));
    }
    return fromAbortable((cancellation) => sendWithRetries(request, ctx, cancellation, tally), ctx.track).pipe(
      map((outcome): FetchResult<T> => {
        const { attempts } = tally;
        const result: FetchResult<T> = { index, url, ok: true, status: outcome.status, attempts, timing: timing(start, tally), data: outcome.data as T };
        return extras(tally.recorder ? { ...result, timeline: tally.recorder.toTimeline() } : result, ctx, request.host);
      }),
      catchError((error: unknown) => of(extras(failed(index, url, start, tally, toFanoutError(error)), ctx, request.host))),
    );
  });
}

/** Adds the host's adaptive limit (`concurrency: 'auto'`). */
function extras<R extends FetchResult<unknown>>(result: R, ctx: RunContext, host: string): R {
  if (!ctx.options.adaptive) return result;
  const limit = ctx.gate.limitOf(host);
  return limit === undefined ? result : withLimitChanges({ ...result, concurrencyLimit: limit }, ctx.gate, host);
}

function timing(start: number, tally: RequestTally): Timing {
  const end = performance.now();
  return { start: epoch(start), end: epoch(end), ms: end - start, queuedMs: tally.queuedMs, wireMs: tally.wireMs };
}

function failed(index: number, url: string, start: number, tally: RequestTally, error: FanoutError): FailedResult {
  const { attempts } = tally;
  const result: FailedResult =
    error instanceof HttpError
      ? { index, url, ok: false, status: error.status, attempts, timing: timing(start, tally), error }
      : { index, url, ok: false, attempts, timing: timing(start, tally), error };
  const withTimeline = tally.recorder ? { ...result, timeline: tally.recorder.toTimeline() } : result;
  return tally.retryBudgetExhausted ? { ...withTimeline, retryBudgetExhausted: true } : withTimeline;
}
