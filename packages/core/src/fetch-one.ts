import { catchError, defer, map, type Observable, of } from 'rxjs';
import { FanoutError } from './errors/fanout-error.js';
import { HttpError } from './errors/http-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { toRequestSpec, type RequestInput } from './request.js';
import type { FetchResult } from './result.js';
import type { RunContext } from './run-context.js';
import type { PreparedRequest } from './send-attempt.js';
import { sendWithRetries } from './send-with-retries.js';
import { now } from './utils/clock.js';
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

/** The host of an absolute http(s) URL; throws `InvalidUrlError` for anything else. */
function hostOf(url: string): string {
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
      request = { ...prepare(input, ctx.options.headers), index };
    } catch (error) {
      return of(failed(index, url, 0, start, toFanoutError(error)));
    }
    const countSend = () => {
      if (++attempts === 1) ctx.budget.recordRequest();
    };
    return fromAbortable((cancellation) => sendWithRetries(request, ctx, cancellation, countSend), ctx.track).pipe(
      map((outcome): FetchResult<T> => {
        const end = now();
        return { index, url, ok: true, status: outcome.status, attempts, timing: { start, end, ms: end - start }, data: outcome.data as T };
      }),
      catchError((error: unknown) => of(failed(index, url, attempts, start, toFanoutError(error)))),
    );
  });
}

function failed(index: number, url: string, attempts: number, start: number, error: FanoutError): FetchResult<never> {
  const end = now();
  const timing = { start, end, ms: end - start };
  return error instanceof HttpError
    ? { index, url, ok: false, status: error.status, attempts, timing, error }
    : { index, url, ok: false, attempts, timing, error };
}
