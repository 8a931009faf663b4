import { FanoutError } from '../errors/fanout-error.js';
import { HttpError } from '../errors/http-error.js';
import { InvalidUrlError } from '../errors/invalid-url-error.js';
import { checkRequestHeaders } from '../transports/header-syntax.js';
import { hasHeader, overrideHeaders } from '../transports/request-headers.js';
import type { RequestInput, RequestSpec } from '../contract/request.js';
import { RequestTally } from './request-tally.js';
import type { FailedResult, FetchResult, Timing } from '../contract/result.js';
import type { RunContext } from './run-context.js';
import { sendAttempt, type AttemptOutcome, type PreparedRequest } from './send-attempt.js';
import { retryDelay } from './retry-delay.js';
import { withRedirects } from '../redirects/with-redirects.js';
import { AttemptRecorder, withLimitChanges } from '../contract/timeline.js';
import { epoch } from '../utils/clock.js';
import { Cancellation } from '../utils/cancellation.js';
import { sleep } from '../utils/sleep.js';
import { toFanoutError } from '../utils/to-fanout-error.js';

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

/** Where a request goes: its host, and the URL to send when it differs from the input's. */
interface Target {
  readonly host: string;
  /** The URL without its `user:password@`, which moved to `authorization`. */
  readonly sendUrl?: string;
  /** `Basic …` from the URL's credentials (percent-decoded, as curl does). */
  readonly authorization?: string;
}

/** Where an absolute http(s) URL that is not a plain one goes; throws `InvalidUrlError` for anything else. */
function targetOf(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidUrlError(url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidUrlError(url);
  if (parsed.username === '' && parsed.password === '') return { host: parsed.host };
  const credentials = `${safeDecode(parsed.username)}:${safeDecode(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { host: parsed.host, sendUrl: parsed.href, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function prepare(url: string, spec: RequestSpec | undefined, index: number, defaults: Readonly<Record<string, string>>): PreparedRequest {
  if (/\s/.test(url)) throw new InvalidUrlError(url); // WHATWG URL would send a space as %20
  // Headers are checked here for every transport alike (axios would strip a CR or LF silently),
  // once per headers object: the object sent is the one checked, so a transport that checks
  // again (http1) finds it done.
  const simple = simpleHost(url);
  if (simple !== undefined && spec?.headers === undefined) {
    checkRequestHeaders(defaults);
    return { url, sendUrl: undefined, host: simple, method: spec?.method ?? 'GET', headers: defaults, body: spec?.body, index, key: spec?.key };
  }
  const { host, sendUrl, authorization } = simple !== undefined ? { host: simple, sendUrl: undefined, authorization: undefined } : targetOf(url);
  let headers = spec?.headers ? overrideHeaders(defaults, spec.headers) : defaults;
  // A URL's `user:password@` is sent as curl sends it; an Authorization header given wins.
  if (authorization !== undefined && !hasHeader(headers, 'authorization')) headers = { ...headers, authorization };
  checkRequestHeaders(headers);
  return { url, sendUrl, host, method: spec?.method ?? 'GET', headers, body: spec?.body, index, key: spec?.key };
}

/**
 * One request: gives exactly one `FetchResult`, never throws for a failed request. An invalid
 * URL gives its failed result at once; anything else a promise of the result. Failed attempts
 * are retried per the run's policy and budget, and whatever still fails becomes a failed result.
 * The request is tracked by the run while it is in flight, so the run's abort (deadline, signal,
 * unsubscribe) aborts it. `arrivedAt` is when the run took the input, `startedAt` when it got a
 * concurrency slot (`performance.now()` clock): the time between them counts as queued. The
 * input's `key` comes back on its result.
 */
export function fetchOne<T = unknown, K = unknown>(input: RequestInput<K>, index: number, ctx: RunContext, arrivedAt: number, startedAt: number): FetchResult<T, K> | Promise<FetchResult<T, K>> {
  const tally = new RequestTally(startedAt - arrivedAt, ctx.options.timeline ? new AttemptRecorder() : undefined);
  // A spec is read as given (no normalised copy per input); a `URL` is its string.
  const spec = typeof input === 'string' || input instanceof URL ? undefined : input;
  const url = spec === undefined ? String(input) : String(spec.url);
  let request: PreparedRequest;
  try {
    request = prepare(url, spec, index, ctx.options.headers);
  } catch (error) {
    return keyed(failed(index, url, arrivedAt, tally, toFanoutError(error)), spec?.key) as FetchResult<T, K>;
  }
  return sendWithRetries<T>(request, index, ctx, arrivedAt, tally) as Promise<FetchResult<T, K>>;
}

/**
 * Sends the request, retrying per the run's policy, and gives its result. Each attempt has its
 * own cancellation (its timeout aborts only that attempt), linked to the request's, which the
 * run or an unsubscribe aborts; that also cuts a backoff sleep short. The retry loop lives here,
 * not in a function of its own: one async layer less per request.
 */
async function sendWithRetries<T>(request: PreparedRequest, index: number, ctx: RunContext, start: number, tally: RequestTally): Promise<FetchResult<T>> {
  const { url } = request;
  const cancellation = new Cancellation();
  ctx.track(cancellation);
  try {
    for (let retry = 1; ; retry++) {
      const attempt = new Cancellation();
      cancellation.link(attempt);
      let outcome: AttemptOutcome | undefined;
      let error: FanoutError | undefined;
      try {
        outcome = await sendAttempt(request, ctx, attempt, tally);
      } catch (thrown) {
        error = toFanoutError(thrown, attempt);
      } finally {
        cancellation.link(undefined);
      }
      if (outcome !== undefined) {
        const ok: FetchResult<T> = { index, url, ok: true, status: outcome.status, attempts: tally.attempts, timing: timing(start, tally), data: outcome.data as T };
        const result = outcome.headers ? { ...ok, headers: outcome.headers } : ok;
        return keyed(extras(tally.recorder ? { ...result, timeline: tally.recorder.toTimeline() } : result, ctx, request.host, tally), request.key);
      }
      const failure = error as FanoutError;
      const wait = await retryDelay(failure, retry, request, ctx, tally);
      if (wait === undefined) return keyed(extras(withHeaders(failed(index, url, start, tally, failure), ctx), ctx, request.host, tally), request.key);
      await sleep(wait, cancellation);
    }
  } catch (error) {
    return keyed(extras(failed(index, url, start, tally, toFanoutError(error)), ctx, request.host, tally), request.key);
  } finally {
    ctx.untrack(cancellation);
  }
}

/**
 * The result with the input's `key`, when it had one (a result without a key has no `key`
 * field). Set on the result just made here, which nothing else holds yet: a copy per result
 * cost ~1 µs.
 */
function keyed<R extends FetchResult<unknown>>(result: R, key: unknown): R {
  if (key !== undefined) (result as { key?: unknown }).key = key;
  return result;
}

/** With `includeHeaders`, an HTTP failure's response headers on its result. */
function withHeaders(result: FailedResult, ctx: RunContext): FailedResult {
  return ctx.options.includeHeaders && result.error instanceof HttpError ? { ...result, headers: result.error.headers } : result;
}

/** Adds where redirects led (`followRedirects`) and the host's adaptive limit (`concurrency: 'auto'`). */
function extras<R extends FetchResult<unknown>>(result: R, ctx: RunContext, host: string, tally: RequestTally): R {
  if (tally.finalUrl !== undefined) result = withRedirects(result, tally);
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
