import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport, fanout, type Transport, type TransportName } from '../../src/index.js';
import { collect } from '../helpers.js';
import { useTracingServer } from './tracing-server.js';

const ctx = useTracingServer();
const exporter = new InMemorySpanExporter();
beforeAll(() => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => {
  ctx.reset();
  exporter.reset();
});

describe.each(['http1', 'undici', 'axios'] as TransportName[])('OpenTelemetry with a tracer provider registered (%s)', (name) => {
  let transport: Transport;
  beforeAll(() => {
    transport = createTransport(name);
  });
  afterAll(() => transport.close());

  it('each HTTP request is a CLIENT span with the HTTP semantic conventions; its traceparent is on the wire', async () => {
    const { url, port } = ctx.server;
    await collect(fanout([`${url}/flaky`], { transport, retry: { limit: 1, backoff: { base: 1, max: 1 } } }));
    const spans = exporter.getFinishedSpans();

    expect(spans.map((span) => ({ name: span.name, kind: span.kind, attributes: span.attributes, status: span.status.code }))).toEqual([
      {
        name: 'GET',
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': 'GET', 'url.full': `${url}/flaky`, 'server.address': '127.0.0.1', 'server.port': port, 'http.response.status_code': 503, 'error.type': '503' },
        status: SpanStatusCode.ERROR,
      },
      {
        name: 'GET',
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': 'GET', 'url.full': `${url}/flaky`, 'server.address': '127.0.0.1', 'server.port': port, 'http.request.resend_count': 1, 'http.response.status_code': 200 },
        status: SpanStatusCode.UNSET,
      },
    ]);
    // W3C traceparent: version-traceId-spanId-flags, each request's own span.
    expect(ctx.seen.map((seen) => seen.traceparent)).toEqual(spans.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`));
  });

  it('a redirect is a resend too; url.full has no password; a failure without response has error.type = its code', async () => {
    const { url } = ctx.server;
    await collect(fanout([`${url.replace('http://', 'http://me:secret@')}/moved`, 'http://127.0.0.1:1/refused'], { transport, followRedirects: true, retry: 0, concurrency: 1 }));
    const spans = exporter.getFinishedSpans().map((span) => span.attributes);

    expect(spans).toEqual([
      expect.objectContaining({ 'url.full': `${url}/moved`, 'http.response.status_code': 302 }),
      expect.objectContaining({ 'url.full': `${url}/ok`, 'http.request.resend_count': 1, 'http.response.status_code': 200 }),
      expect.objectContaining({ 'url.full': 'http://127.0.0.1:1/refused', 'error.type': 'ECONNREFUSED' }),
    ]);
    expect(JSON.stringify(spans)).not.toContain('secret');
  });
});
