import { HttpError } from './errors/http-error.js';
import { ParseError } from './errors/parse-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { HttpMethod } from './request.js';
import type { RunContext } from './run-context.js';
import type { TransportRequest, TransportResponse, TransportStreamResponse } from './transports/transport.js';
import { pipeToSink, type BodySink } from './body-sink.js';
import type { Cancellation } from './utils/cancellation.js';
import { toFanoutError } from './utils/to-fanout-error.js';
import { parseRetryAfter } from './utils/retry-after.js';
import { pickFields } from './utils/pick-fields.js';

/** One normalised request, ready to send. */
export interface PreparedRequest {
  readonly url: string;
  readonly host: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The input's position, for a `sink`. */
  readonly index?: number;
}

/** What a successful attempt gives back. */
export interface AttemptOutcome {
  readonly status: number;
  readonly data: unknown;
}

/** The `TransportRequest` of one attempt (a class: one shape, getters on the prototype). */
class AttemptRequest implements TransportRequest {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;

  constructor(
    request: PreparedRequest,
    readonly maxBodyBytes: number,
    readonly followRedirects: boolean,
    private readonly cancellation: Cancellation,
  ) {
    this.url = request.url;
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
 * `NetworkError`, ...). `onSend` runs when the request actually leaves.
 */
export async function sendAttempt(
  request: PreparedRequest,
  ctx: RunContext,
  cancellation: Cancellation,
  onSend: () => void,
): Promise<AttemptOutcome> {
  const { options } = ctx;
  const admission = ctx.gate.enter(request.host, cancellation);
  const release = admission === undefined ? noop : await admission;
  if (cancellation.reason) {
    release();
    throw cancellation.reason;
  }
  let probe: boolean;
  try {
    probe = ctx.breaker?.admit(request.host) ?? false; // throws CircuitOpenError while the host's circuit is open
  } catch (error) {
    release();
    throw error;
  }
  const timer = setTimeout(() => cancellation.abort(new TimeoutError(options.timeout)), options.timeout);
  try {
    onSend();
    let response: TransportResponse | TransportStreamResponse;
    try {
      const attempt = new AttemptRequest(request, options.maxBodyBytes, options.followRedirects, cancellation);
      response = options.sink && ctx.transport.stream ? await ctx.transport.stream(attempt) : await ctx.transport.send(attempt);
    } catch (error) {
      const failure = toFanoutError(error, cancellation);
      ctx.breaker?.recordFailure(request.host, failure, probe);
      throw failure;
    }
    ctx.breaker?.recordSuccess(request.host);
    if (response.status < 200 || response.status > 299) {
      if (typeof response.body !== 'string') response.body.destroy();
      throw new HttpError(response.status, parseRetryAfter(response.header('retry-after'), options.retryMaxDelay));
    }
    const { body, status } = response;
    if (typeof body !== 'string') {
      const stored = { index: request.index ?? 0, url: request.url, status, header: response.header };
      return { status, data: await pipeToSink(body, stored, options.sink as BodySink, options.maxBodyBytes, cancellation, () => timer.refresh()) };
    }
    return { status, data: decode(body, options.responseType, options.fields) };
  } finally {
    clearTimeout(timer);
    release();
  }
}

function decode(body: string, type: 'json' | 'text', fields: readonly string[] | undefined): unknown {
  if (type === 'text') return body;
  if (body === '') return null;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new ParseError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  return fields ? pickFields(data, fields) : data;
}

function noop(): void {}
