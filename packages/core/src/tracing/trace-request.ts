import type * as OtelApi from '@opentelemetry/api';
import { redactUrl } from '../base/redact-url.js';
import { hasHeader } from '../transports/request-headers.js';
import { openTelemetry } from './open-telemetry.js';
import { requestChannels, type RequestStartMessage } from './request-channels.js';

/** One HTTP request of an input, as the tracers see it. */
export interface TracedRequest {
  readonly index: number;
  readonly method: string;
  /** The URL sent to (no credentials in it). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly attempt: number;
  readonly redirects: number;
  /** Requests of the same input sent before this one (retries and redirects): `http.request.resend_count`. */
  readonly resends: number;
}

let nextId = 0;

/**
 * Whether anything watches requests: a `diagnostics_channel` subscriber or a registered
 * OpenTelemetry tracer provider. When not, requests are sent as they are, nothing traced.
 */
export function tracing(): boolean {
  const { start, end } = requestChannels();
  return start.hasSubscribers || end.hasSubscribers || openTelemetry() !== undefined;
}

/**
 * Sends one request with `send` (given the headers to send), traced: `fanout:request:start` and
 * `fanout:request:end` published, and with a tracer provider a CLIENT span per request (HTTP
 * semantic conventions) whose W3C `traceparent` goes out with the request.
 */
export async function traceRequest<R extends { readonly status: number }>(request: TracedRequest, send: (headers: Readonly<Record<string, string>>) => Promise<R>): Promise<R> {
  const { start, end } = requestChannels();
  const message: RequestStartMessage = { id: ++nextId, index: request.index, method: request.method, url: redactUrl(request.url), attempt: request.attempt, redirects: request.redirects };
  const api = openTelemetry();
  const span = api === undefined ? undefined : startSpan(api, request, message.url);
  const headers = api === undefined || span === undefined ? request.headers : withTraceparent(api, span, request.headers);
  const began = performance.now();
  if (start.hasSubscribers) start.publish(message);
  try {
    const response = await send(headers);
    if (end.hasSubscribers) end.publish({ ...message, status: response.status, ms: performance.now() - began });
    if (span !== undefined && api !== undefined) endSpan(api, span, response.status, undefined);
    return response;
  } catch (error) {
    if (end.hasSubscribers) end.publish({ ...message, error, ms: performance.now() - began });
    if (span !== undefined && api !== undefined) endSpan(api, span, undefined, error);
    throw error;
  }
}

function startSpan(api: typeof OtelApi, request: TracedRequest, url: string): OtelApi.Span {
  const parsed = new URL(request.url);
  const port = Number(parsed.port) || (parsed.protocol === 'https:' ? 443 : 80);
  const attributes: OtelApi.Attributes = {
    'http.request.method': request.method,
    'url.full': url,
    'server.address': parsed.hostname.replace(/^\[|\]$/g, ''),
    'server.port': port,
  };
  if (request.resends > 0) attributes['http.request.resend_count'] = request.resends;
  return api.trace.getTracer('@fanout/core').startSpan(request.method, { kind: api.SpanKind.CLIENT, attributes }, api.context.active());
}

/** `headers` with the span's context injected (the registered propagator's fields, and W3C `traceparent` in any case). */
function withTraceparent(api: typeof OtelApi, span: OtelApi.Span, headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const carrier: Record<string, string> = { ...headers };
  api.propagation.inject(api.trace.setSpan(api.context.active(), span), carrier);
  const context = span.spanContext();
  if (!hasHeader(carrier, 'traceparent') && api.isSpanContextValid(context)) {
    carrier.traceparent = `00-${context.traceId}-${context.spanId}-0${(context.traceFlags & 1).toString(16)}`;
  }
  return carrier;
}

function endSpan(api: typeof OtelApi, span: OtelApi.Span, status: number | undefined, error: unknown): void {
  if (status !== undefined) {
    span.setAttribute('http.response.status_code', status);
    if (status >= 400) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: api.SpanStatusCode.ERROR });
    }
  } else {
    const code = (error as { code?: unknown } | null)?.code;
    const name = (error as { name?: unknown } | null)?.name;
    span.setAttribute('error.type', typeof code === 'string' ? code : typeof name === 'string' ? name : '_OTHER');
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}
