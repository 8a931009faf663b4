import { HttpError } from '../errors/http-error.js';
import { ParseError } from '../errors/parse-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { ResolvedOptions } from '../contract/options.js';
import type { HttpMethod } from '../transports/http-method.js';
import type { RequestTally } from './request-tally.js';
import type { GateRelease } from '../limits/host-gate.js';
import type { RunContext } from './run-context.js';
import { isJsonContentType } from '../transports/content-type.js';
import type { AttemptTiming, TransportRequest, TransportResponse, TransportStreamResponse } from '../transports/transport.js';
import { pipeToSink, type BodySink } from '../sink/body-sink.js';
import type { Cancellation } from '../utils/cancellation.js';
import { toFanoutError } from '../utils/to-fanout-error.js';
import { parseRetryAfter } from '../utils/retry-after.js';
import { pickFields } from '../utils/pick-fields.js';
import { jsonDepthExceeds, markBounded } from '../utils/json-depth.js';
import { firstHop } from '../redirects/first-hop.js';
import { followRedirects } from '../redirects/follow-redirects.js';
import type { Hop } from '../redirects/redirect-target.js';
import { traceRequest, tracing } from '../tracing/trace-request.js';

/** One normalised request, ready to send. */
export interface PreparedRequest {
  readonly url: string;
  /** The URL the transport gets when it differs from `url` (its credentials moved to a header). */
  readonly sendUrl?: string;
  readonly host: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** The input's position, for a `sink`. */
  readonly index?: number;
  /** The caller's `key` of the input, for a `sink`. */
  readonly key?: unknown;
}

/** What a successful attempt gives back. */
export interface AttemptOutcome {
  readonly status: number;
  readonly data: unknown;
  /** The response's headers, with the `includeHeaders` option. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The `TransportRequest` of one attempt (a class: one shape, getters on the prototype). */
class AttemptRequest implements TransportRequest {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;

  /** The core follows redirects itself (see `followRedirects`): a transport never does. */
  readonly followRedirects = false;

  constructor(
    url: string,
    request: Omit<Hop, 'url'>,
    readonly maxBodyBytes: number,
    private readonly cancellation: Cancellation,
    readonly timing: AttemptTiming | undefined,
  ) {
    this.url = url;
    this.method = request.method;
    this.headers = request.headers;
    this.body = request.body;
  }

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }

  onAbort(listener: (reason: Error) => void): () => void {
    return this.cancellation.onAbort(listener);
  }
}

/**
 * One attempt: passes the host gate, sends with a timeout that covers the whole body, and turns
 * the response into data or a typed error (`HttpError`, `ParseError`, `TimeoutError`,
 * `NetworkError`, ...). `tally` counts the attempt when it actually leaves, the time spent at the
 * gate as queued and the time from sending to the outcome as on the wire.
 */
export async function sendAttempt(
  request: PreparedRequest,
  ctx: RunContext,
  cancellation: Cancellation,
  tally: RequestTally,
): Promise<AttemptOutcome> {
  const { options } = ctx;
  const admission = ctx.gate.enter(request.host, cancellation);
  let release: GateRelease = noop;
  let dropped = false;
  if (admission !== undefined) {
    const waitStart = performance.now();
    try {
      release = await admission;
    } finally {
      tally.queuedMs += performance.now() - waitStart;
    }
  }
  if (cancellation.reason) {
    ctx.gate.unanswered(request.host);
    release();
    throw cancellation.reason;
  }
  let probe: boolean;
  try {
    // Throws CircuitOpenError while the host's circuit is open. The local breaker answers at
    // once; only a shared one (Redis) is awaited, so the hot path pays no extra microtask.
    const admitted = ctx.breaker?.admit(request.host) ?? false;
    probe = typeof admitted === 'boolean' ? admitted : await admitted;
  } catch (error) {
    ctx.gate.unanswered(request.host);
    release();
    throw error;
  }
  const sent = performance.now();
  // A sink's timeout restarts as its body flows: a timer of its own. Every other attempt's is
  // an entry in the run's queue of timeouts (one timer for all).
  const streaming = options.sink !== undefined && ctx.transport.stream !== undefined;
  const timer = streaming ? setTimeout(() => cancellation.abort(new TimeoutError(options.timeout)), options.timeout) : undefined;
  const ticket = streaming ? -1 : ctx.timeouts.add(cancellation, sent);
  if (++tally.attempts === 1) ctx.budget.recordRequest();
  tally.recorder?.started(sent);
  try {
    let response: TransportResponse | TransportStreamResponse;
    /** The request that got `response`: the one asked for, or where its redirects led. */
    let answered: Omit<Hop, 'body'> = request;
    try {
      if (options.followRedirects) {
        const followed = await followRedirects(firstHop(request), (hop, redirects) => {
          tally.finalUrl = hop.url;
          tally.redirects = redirects;
          return sendHop(hop, hop.url, ctx, streaming, cancellation, tally, request.index, redirects);
        }, options.maxRedirects);
        response = followed.response;
        answered = followed.hop;
      } else response = await sendHop(request, request.sendUrl ?? request.url, ctx, streaming, cancellation, tally, request.index);
    } catch (error) {
      ctx.gate.unanswered(request.host);
      const failure = toFanoutError(error, cancellation);
      ctx.breaker?.recordFailure(request.host, failure, probe);
      throw failure;
    }
    ctx.gate.answered(request.host, response.header);
    ctx.breaker?.recordSuccess(request.host);
    const { body, status } = response;
    if (!options.okStatus(status)) {
      if (typeof body !== 'string') body.destroy(); // a sink's error body is not read
      throw new HttpError(status, {
        method: answered.method,
        url: answered.url,
        headers: response.headers(),
        body: typeof body === 'string' ? body : '',
        retryAfterMs: parseRetryAfter(response.header('retry-after'), options.retry.maxRetryAfter),
      });
    }
    if (typeof body !== 'string') {
      const stored = { index: request.index ?? 0, key: request.key, url: request.url, status, header: response.header };
      const speed = options.speedLimit > 0 ? { limit: options.speedLimit, time: options.speedTime } : undefined;
      const data = await pipeToSink(body, stored, options.sink as BodySink, options.maxBodyBytes, cancellation, () => timer?.refresh(), speed);
      return options.includeHeaders ? { status, data, headers: response.headers() } : { status, data };
    }
    const data = decode(body, response.header('content-type'), options);
    return options.includeHeaders ? { status, data, headers: response.headers() } : { status, data };
  } catch (error) {
    dropped = isDrop(error);
    throw error;
  } finally {
    const ended = performance.now();
    tally.wireMs += ended - sent;
    tally.recorder?.ended(ended);
    if (timer === undefined) ctx.timeouts.clear(ticket);
    else clearTimeout(timer);
    release(dropped);
  }
}

/**
 * Sends one request of the attempt (with `followRedirects`, one hop), its body streamed for a
 * sink; traced (diagnostics channels, OpenTelemetry) when anything watches.
 */
function sendHop(
  request: Omit<Hop, 'url'>,
  url: string,
  ctx: RunContext,
  streaming: boolean,
  cancellation: Cancellation,
  tally: RequestTally,
  index = 0,
  redirects = 0,
): Promise<TransportResponse | TransportStreamResponse> {
  const resends = tally.sent++;
  const send = (headers: Readonly<Record<string, string>>): Promise<TransportResponse | TransportStreamResponse> => {
    const attempt = new AttemptRequest(url, headers === request.headers ? request : { ...request, headers }, ctx.options.maxBodyBytes, cancellation, tally.recorder);
    return streaming && ctx.transport.stream ? ctx.transport.stream(attempt) : ctx.transport.send(attempt);
  };
  if (!tracing()) return send(request.headers);
  return traceRequest({ index, method: request.method, url, headers: request.headers, attempt: tally.attempts, redirects, resends }, send);
}

/**
 * A response body as `data`: parsed JSON when `type` is `'json'`, or `'auto'` and the content
 * type says JSON (`application/json`, `+json`); else the text as it came. JSON nested deeper than
 * `maxJsonDepth` is a `ParseError` (`EJSONDEPTH`), found before parsing.
 */
function decode(body: string, contentType: string | undefined, options: Pick<ResolvedOptions, 'responseType' | 'fields' | 'maxJsonDepth'>): unknown {
  const { responseType: type, fields, maxJsonDepth } = options;
  if (type === 'text' || (type === 'auto' && !isJsonContentType(contentType))) return body;
  if (body === '') return null;
  if (jsonDepthExceeds(body, maxJsonDepth)) throw ParseError.tooDeep(maxJsonDepth);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new ParseError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  return markBounded(fields ? pickFields(data, fields, maxJsonDepth) : data);
}

function noop(): void {}

/** A sign of overload for an adaptive limit: 429, 503, or a timeout. */
function isDrop(error: unknown): boolean {
  return (error instanceof HttpError && (error.status === 429 || error.status === 503)) || (error instanceof TimeoutError && error.code === 'ETIMEDOUT');
}
