import { HttpError } from './errors/http-error.js';
import { ParseError } from './errors/parse-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { ResolvedOptions } from './options.js';
import type { HttpMethod } from './request.js';
import type { RequestTally } from './request-tally.js';
import type { GateRelease } from './limits/host-gate.js';
import type { RunContext } from './run-context.js';
import { isJsonContentType } from './transports/content-type.js';
import type { AttemptTiming, TransportRequest, TransportResponse, TransportStreamResponse } from './transports/transport.js';
import { pipeToSink, type BodySink } from './body-sink.js';
import type { Cancellation } from './utils/cancellation.js';
import { toFanoutError } from './utils/to-fanout-error.js';
import { parseRetryAfter } from './utils/retry-after.js';
import { pickFields } from './utils/pick-fields.js';
import { jsonDepthExceeds, markBounded } from './utils/json-depth.js';

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

  constructor(
    request: PreparedRequest,
    readonly maxBodyBytes: number,
    readonly followRedirects: boolean,
    private readonly cancellation: Cancellation,
    readonly timing: AttemptTiming | undefined,
  ) {
    this.url = request.sendUrl ?? request.url;
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
    try {
      const attempt = new AttemptRequest(request, options.maxBodyBytes, options.followRedirects, cancellation, tally.recorder);
      response = streaming && ctx.transport.stream ? await ctx.transport.stream(attempt) : await ctx.transport.send(attempt);
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
        method: request.method,
        url: request.url,
        headers: response.headers(),
        body: typeof body === 'string' ? body : '',
        retryAfterMs: parseRetryAfter(response.header('retry-after'), options.retry.maxRetryAfter),
      });
    }
    if (typeof body !== 'string') {
      const stored = { index: request.index ?? 0, url: request.url, status, header: response.header };
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
