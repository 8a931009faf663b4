import { HttpError } from './errors/http-error.js';
import { ParseError } from './errors/parse-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { HttpMethod } from './request.js';
import type { RunContext } from './run-context.js';
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
}

/** What a successful attempt gives back. */
export interface AttemptOutcome {
  readonly status: number;
  readonly data: unknown;
}

/**
 * One attempt: passes the host gate, sends with a timeout that covers the whole body, and turns
 * the response into data or a typed error (`HttpError`, `ParseError`, `TimeoutError`,
 * `NetworkError`, ...). `onSend` runs when the request actually leaves.
 */
export async function sendAttempt(
  request: PreparedRequest,
  ctx: RunContext,
  signal: AbortSignal,
  onSend: () => void,
): Promise<AttemptOutcome> {
  const { options } = ctx;
  const release = await ctx.gate.enter(request.host, signal);
  if (signal.aborted) {
    release();
    throw signal.reason;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new TimeoutError(options.timeout)), options.timeout);
  try {
    onSend();
    const response = await ctx.transport
      .send({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        maxBodyBytes: options.maxBodyBytes,
        followRedirects: options.followRedirects,
      })
      .catch((error: unknown) => {
        throw toFanoutError(error, controller.signal);
      });
    if (response.status < 200 || response.status > 299) {
      throw new HttpError(response.status, parseRetryAfter(response.header('retry-after'), options.retryMaxDelay));
    }
    return { status: response.status, data: decode(response.body, options.responseType, options.fields) };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
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
