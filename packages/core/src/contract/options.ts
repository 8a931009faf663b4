import { resolveCircuitBreaker, type CircuitBreakerOptions } from '../limits/circuit-breaker.js';
import type { SharedLimits } from '../limits/shared-limits.js';
import type { BodySink } from '../sink/body-sink.js';
import { resolveRetry, type ResolvedRetry, type RetryOptions } from '../retry/retry-options.js';
import type { Transport } from '../transports/transport.js';
import { MAX_TIMER_MS } from '../base/timer.js';
import { DEFAULT_MAX_JSON_DEPTH } from '../utils/json-depth.js';
import { hasHeader } from '../transports/request-headers.js';
import { DEFAULT_USER_AGENT } from '../version.js';

/** How a response body becomes a result's `data` (see {@link FanoutOptions.responseType}). */
export type ResponseType = 'auto' | 'json' | 'text';

/** Options of {@link fanout}, {@link sequential} and {@link compare}. Every one is optional. */
export interface FanoutOptions<F extends string = string> {
  /**
   * How many requests may be in flight at once. `1` is a sequential run. `'auto'` finds it per
   * host: an adaptive limit (Vegas-style on latency, multiplicative decrease on 429, 503 and
   * timeouts) starting at 4 and bounded by `maxConcurrency`; each result then carries its
   * host's `concurrencyLimit`.
   * @default 10
   * @example { concurrency: 32 }
   * @example { concurrency: 'auto', maxConcurrency: 128 }
   */
  readonly concurrency?: number | 'auto';
  /**
   * With `concurrency: 'auto'`, the highest limit per host (and the requests in flight at most).
   * @default 256
   */
  readonly maxConcurrency?: number;
  /**
   * Emit results in input order instead of completion order. The reorder buffer is bounded by
   * the concurrency window: a slow request holds back the pulling of new inputs.
   * @default false
   */
  readonly ordered?: boolean;
  /**
   * Per-attempt time limit in milliseconds, covering connect, headers and the whole body.
   * @default 10000
   */
  readonly timeout?: number;
  /**
   * Whole-run time limit in milliseconds. When it passes, in-flight requests are aborted and the
   * remaining inputs fail at once with `TimeoutError` code `EDEADLINE`. A retry whose wait
   * (backoff or `Retry-After`) would end past it is not waited for: the request fails at once
   * with the error it got.
   * @default undefined (no deadline)
   * @example { deadline: 30_000 }
   */
  readonly deadline?: number;
  /**
   * The retry policy: a number is the retry limit (`retry: 0` turns retrying off), an object sets
   * each part (see {@link RetryOptions}): which methods, statuses and error codes are retried,
   * the backoff, the longest `Retry-After` honoured, the run's retry budget and a hook.
   * @default { limit: 2, methods: GET HEAD OPTIONS PUT DELETE, statusCodes: 408 429 500 502 503 504, backoff: { base: 100, max: 30000 }, maxRetryAfter: 30000, budget: { ratio: 0.2, min: 10 } }
   * @example { retry: 3 }
   * @example { retry: { limit: 5, statusCodes: [429, 503], budget: false } }
   */
  readonly retry?: number | RetryOptions;
  /**
   * At most this many requests in flight to one host (`hostname:port`).
   * @default Infinity
   */
  readonly perHost?: number;
  /**
   * Global rate limit in requests per second (attempts, retries included).
   * @default undefined (unlimited)
   */
  readonly rate?: number;
  /**
   * Rate limit per host in requests per second.
   * @default undefined (unlimited)
   */
  readonly perHostRate?: number;
  /**
   * Largest response body accepted, in bytes; past it the request fails with
   * `BodyTooLargeError` and the connection is dropped.
   * @default 10485760 (10 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * How the body becomes `data`: `'auto'` parses JSON when the response's content type says JSON
   * (`application/json` or `…+json`) and keeps any other body (an HTML page, plain text) as
   * text; `'json'` always parses (`ParseError` when it is not JSON); `'text'` never does.
   * An empty JSON body is `null`.
   * @default 'auto'
   */
  readonly responseType?: ResponseType;
  /**
   * Deepest nesting of objects and arrays accepted in a JSON response body. A deeper body fails
   * with `ParseError` code `EJSONDEPTH` (found by a scan of the text before it is parsed, without
   * recursion), so that no data from outside crashes a recursive walk of it (`JSON.stringify`
   * throws a RangeError a few thousand levels down).
   * @default 512
   * @example { maxJsonDepth: 64 }
   */
  readonly maxJsonDepth?: number;
  /**
   * Keep only these fields of each JSON response (dotted paths for nested fields).
   * With literal field names (`fields: ['title']`), the result's `data` type is narrowed to
   * those top-level keys (dotted paths to the nested ones).
   * @default undefined (the whole body)
   * @example { fields: ['title', 'body'] }
   */
  readonly fields?: readonly F[];
  /**
   * Follow redirects (301, 302, 303, 307, 308; up to `maxRedirects`). Off by default so a request
   * goes only where it was aimed. The core follows them, the same way on every transport: 303
   * (and 301/302 after a POST) becomes a GET without a body, 307/308 keep method and body;
   * `Authorization`, `Proxy-Authorization`, `Cookie` and `Host` are not sent to another origin
   * (https to http is one). Results then carry `finalUrl` and `redirects`.
   * @default false
   */
  readonly followRedirects?: boolean;
  /**
   * With `followRedirects`: how many redirects a request follows; one more fails with
   * `TooManyRedirectsError` (`ETOOMANYREDIRECTS`).
   * @default 5
   */
  readonly maxRedirects?: number;
  /**
   * Headers added to every request (a `RequestSpec`'s own headers win).
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The `User-Agent` header of every request. A `user-agent` in `headers` or in a request's own
   * headers wins; `false` sends none of fanout's (a transport may then add its own: axios does).
   * @default 'fanout/<version>' (e.g. `fanout/0.1.0`)
   * @example { userAgent: 'my-crawler/2.0 (+https://example.org/bot)' }
   */
  readonly userAgent?: string | false;
  /**
   * Which statuses are data rather than failures: a response whose status this returns `true`
   * for is an ok result (`data` is its body, decoded as any other), never retried; any other
   * status is an `HttpError`. Redirects are followed first when `followRedirects` is on.
   * @default (status) => status >= 200 && status <= 299
   * @example { okStatus: (status) => (status >= 200 && status <= 299) || status === 404 }
   */
  readonly okStatus?: (status: number) => boolean;
  /**
   * Put the response's headers (lower-case names, repeated ones joined by `, `) on each result
   * that got a response: `result.headers`, and in `serializeResult`'s record, as curl's `-i`.
   * @default false
   */
  readonly includeHeaders?: boolean;
  /**
   * How requests are sent. Created per run and closed after it when not given: the transport the
   * `FANOUT_TRANSPORT` environment variable names (`http1`, `undici` or `axios`), else `http1`
   * (fanout's own client, HTTP/2 by ALPN over TLS).
   * @default createTransport(FANOUT_TRANSPORT ?? 'http1', { connections: min(concurrency, perHost) })
   */
  readonly transport?: Transport;
  /**
   * Rate limits, host pauses and the retry budget shared with other processes (for example
   * through Redis, by `@fanout/queue`), instead of this run's own. `rate` and `perHostRate`
   * then apply across all of them, and the retry budget is the shared implementation's.
   * @default undefined (limits of this run only)
   */
  readonly sharedLimits?: SharedLimits;
  /**
   * Record each request's attempts on the wire (`result.timeline`), for a waterfall of the run:
   * also each attempt's `firstByte`, and its `connected` (a new connection) with the http1 and
   * undici transports (not axios);
   * with `concurrency: 'auto'` also the host's limit changes (`timeline.limit`, and the
   * summary's `concurrencyLimits[host].series`). Off, it costs nothing per request.
   * @default false
   */
  readonly timeline?: boolean;
  /**
   * Stores each 2xx response's body as it arrives (to files, say) instead of holding it in
   * memory: called per response with its index, URL, status and headers, it returns the target
   * the decoded body is written to; the result's `data` is the record the target's `close()`
   * gives. `maxBodyBytes` still applies (set `Infinity` for no cap), and `timeout` restarts with
   * each chunk, so it limits a stall rather than a whole download; a trickle is ended by
   * `speedLimit`/`speedTime` (under 1024 bytes/s for 30 s by default). The transport must implement
   * `stream` (the three built-in ones do).
   * @default undefined (bodies are read into memory and parsed)
   * @example { sink: ({ index }) => fileTarget(`out/${index}`), maxBodyBytes: Infinity }
   */
  readonly sink?: BodySink;
  /**
   * The low-speed limit of bodies stored by a `sink`, in bytes per second (curl's
   * `--speed-limit`): a body whose bytes over the last `speedTime` seconds average under it fails
   * with `LowSpeedError` (`ELOWSPEED`), so a download that stalls or trickles ends even though
   * each chunk restarts `timeout`. `0` turns it off. Bodies read into memory are not watched:
   * `timeout` covers them whole.
   * @default 1024
   * @example { sink, speedLimit: 10_000, speedTime: 10 } // under 10 kB/s for 10 s fails
   */
  readonly speedLimit?: number;
  /**
   * Seconds over which `speedLimit` is averaged (curl's `--speed-time`).
   * @default 30
   */
  readonly speedTime?: number;
  /**
   * Per-host circuit breaker: after `failures` attempts in a row to one host failed to connect
   * or timed out, that host's remaining requests fail at once with `CircuitOpenError`
   * (`ECIRCUITOPEN`) instead of waiting `timeout × attempts` each; after `cooldown` ms one probe
   * goes, and its success closes the circuit. `false` turns it off.
   * @default { failures: 5, cooldown: 10000 }
   * @example { circuitBreaker: { failures: 3, cooldown: 30_000 } }
   */
  readonly circuitBreaker?: CircuitBreakerOptions | false;
  /**
   * Pace each host by the budget it announces in rate-limit response headers, so that it need
   * not answer 429: `RateLimit` with `RateLimit-Policy` (the IETF httpapi draft, both the
   * `"name";r=R;t=T` and the `limit=, remaining=, reset=` forms), `RateLimit-Limit/-Remaining/-Reset`
   * (its earlier drafts) and `X-RateLimit-Limit/-Remaining/-Reset` (Reset in delta seconds, or a
   * Unix epoch as GitHub sends it). Once a host said it takes R more requests until its reset, at
   * most R more go to it (those in flight included) before then, and the rest wait for the reset.
   * Requests sent before the host's first response are not held back: nothing is known yet.
   * A wait for a reset longer than `retry.maxRetryAfter` (30 s by default) is not taken: the
   * request fails at once, unsent, with `RateLimitedError` (`ERATELIMITED`).
   * With `sharedLimits` that keep budgets, the pacing holds across every process.
   * @default true
   * @example { rateLimitHeaders: false } // ignore the headers (a 429 is still retried)
   */
  readonly rateLimitHeaders?: boolean;
  /**
   * Aborts the run: in-flight requests are cancelled, and the remaining inputs fail at once with
   * `AbortError`, so each input still gets its one result.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/** `FanoutOptions` with every default filled in (internal: not exported from the package). */
type OptionalKeys = 'deadline' | 'rate' | 'perHostRate' | 'fields' | 'transport' | 'signal' | 'sharedLimits' | 'sink';
export type ResolvedOptions = Required<Omit<FanoutOptions, OptionalKeys | 'retry' | 'circuitBreaker' | 'concurrency'>> &
  Pick<FanoutOptions, OptionalKeys> & {
    readonly retry: ResolvedRetry;
    readonly circuitBreaker: Required<CircuitBreakerOptions> | false;
    /** The requests in flight at most: `concurrency`, or `maxConcurrency` with `'auto'`. */
    readonly concurrency: number;
    /** `concurrency: 'auto'`: adaptive limits per host. */
    readonly adaptive: boolean;
  };

/** The default of every option but `retry` (see `RETRY_DEFAULTS`), in one place. */
export const DEFAULTS = {
  concurrency: 10,
  maxConcurrency: 256,
  ordered: false,
  timeout: 10_000,
  perHost: Infinity,
  maxBodyBytes: 10 * 1024 * 1024,
  responseType: 'auto',
  followRedirects: false,
  maxRedirects: 5,
  headers: {},
  userAgent: DEFAULT_USER_AGENT,
  okStatus: isSuccess,
  includeHeaders: false,
  timeline: false,
  rateLimitHeaders: true,
  maxJsonDepth: DEFAULT_MAX_JSON_DEPTH,
  speedLimit: 1024,
  speedTime: 30,
} as const satisfies Partial<FanoutOptions>;

function check(name: string, value: number, min: number, integer: boolean): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || (integer && Number.isFinite(value) && !Number.isInteger(value))) {
    throw new RangeError(`Option ${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${String(value)}`);
  }
}

/** Fills in defaults and rejects out-of-range values with a `RangeError` naming the option. */
export function resolveOptions(options: FanoutOptions = {}): ResolvedOptions {
  const { retry, circuitBreaker, concurrency, ...rest } = options;
  const merged = { ...DEFAULTS, ...stripUndefined(rest) };
  const adaptive = concurrency === 'auto';
  check('maxConcurrency', merged.maxConcurrency, 1, true);
  const resolved: ResolvedOptions = {
    ...merged,
    headers: withUserAgent(merged.headers, merged.userAgent),
    concurrency: adaptive ? merged.maxConcurrency : (concurrency ?? DEFAULTS.concurrency),
    adaptive,
    retry: resolveRetry(retry, check),
    circuitBreaker: resolveCircuitBreaker(circuitBreaker),
  };
  check('concurrency', resolved.concurrency, 1, true);
  check('timeout', resolved.timeout, 1, false);
  check('perHost', resolved.perHost, 1, true);
  check('maxBodyBytes', resolved.maxBodyBytes, 0, true);
  check('maxJsonDepth', resolved.maxJsonDepth, 1, true);
  check('speedLimit', resolved.speedLimit, 0, false);
  check('speedTime', resolved.speedTime, 0.001, false);
  if (!(resolved.speedTime <= MAX_TIMER_MS / 1000)) throw new RangeError(`Option speedTime must be at most ${Math.floor(MAX_TIMER_MS / 1000)} s, got ${String(resolved.speedTime)}`);
  check('maxRedirects', resolved.maxRedirects, 0, true);
  if (resolved.deadline !== undefined) check('deadline', resolved.deadline, 1, false);
  // Each is one timer: past Node's longest (24.8 days) it would fire at once.
  for (const [name, value] of [['timeout', resolved.timeout], ['deadline', resolved.deadline]] as const) {
    if (value !== undefined && value > MAX_TIMER_MS) throw new RangeError(`Option ${name} must be at most ${MAX_TIMER_MS} ms (24.8 days), got ${String(value)}`);
  }
  if (resolved.rate !== undefined) check('rate', resolved.rate, Number.MIN_VALUE, false);
  if (resolved.perHostRate !== undefined) check('perHostRate', resolved.perHostRate, Number.MIN_VALUE, false);
  if (resolved.sink && resolved.transport && !resolved.transport.stream) throw new TypeError(`Option sink needs a transport with stream(); ${resolved.transport.name} has none`);
  return resolved;
}

/** Whether `status` is a 2xx: what counts as ok unless `okStatus` says otherwise. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

function withUserAgent(headers: Readonly<Record<string, string>>, userAgent: string | false): Readonly<Record<string, string>> {
  return userAgent === false || hasHeader(headers, 'user-agent') ? headers : { 'user-agent': userAgent, ...headers };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
