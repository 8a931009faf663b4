import type { Transport } from '@fanout/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The app's Prometheus metrics, in a registry of its own. */
export interface AppMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly upstreamLatency: Histogram<'outcome'>;
  readonly upstreamInFlight: Gauge;
  /** Responses the app closed because their client did not read: `buffer` (too much waiting) or `stalled` (nothing taken for `WRITE_TIMEOUT_MS`). */
  readonly responsesCut: Counter<'reason'>;
}

/** What the load gauges read when scraped. */
export interface AppLoad {
  /** API calls running now. */
  callsOpen(): number;
  /** Bytes waiting in the app for clients to read them, over all open responses. */
  bufferedBytes(): number;
}

export function createMetrics(load: AppLoad): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'http_calls_open',
    help: 'API calls that fetch from the upstream running now (MAX_CALLS at most)',
    registers: [registry],
    collect() {
      this.set(load.callsOpen());
    },
  });
  new Gauge({
    name: 'http_response_buffered_bytes',
    help: 'Bytes of responses waiting in the app for their clients to read them',
    registers: [registry],
    collect() {
      this.set(load.bufferedBytes());
    },
  });
  return {
    registry,
    responsesCut: new Counter({ name: 'http_responses_cut_total', help: 'Responses closed because their client did not read them, by reason', labelNames: ['reason'], registers: [registry] }),
    requests: new Counter({ name: 'http_requests_total', help: 'HTTP requests served, by route and status', labelNames: ['route', 'method', 'status'], registers: [registry] }),
    upstreamLatency: new Histogram({
      name: 'upstream_request_duration_seconds',
      help: 'Latency of requests to the upstream',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    upstreamInFlight: new Gauge({ name: 'upstream_requests_in_flight', help: 'Requests to the upstream in flight now', registers: [registry] }),
  };
}

/** Wraps a transport so every upstream attempt is counted in flight and timed. */
export function instrumented(transport: Transport, metrics: AppMetrics): Transport {
  return {
    name: transport.name,
    async send(request) {
      metrics.upstreamInFlight.inc();
      const stop = metrics.upstreamLatency.startTimer();
      try {
        const response = await transport.send(request);
        stop({ outcome: response.status < 400 ? 'ok' : 'http_error' });
        return response;
      } catch (error) {
        stop({ outcome: 'error' });
        throw error;
      } finally {
        metrics.upstreamInFlight.dec();
      }
    },
    close: () => transport.close(),
  };
}
