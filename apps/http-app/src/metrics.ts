import type { Transport } from '@fanout/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The app's Prometheus metrics, in a registry of its own. */
export interface AppMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly upstreamLatency: Histogram<'outcome'>;
  readonly upstreamInFlight: Gauge;
}

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
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
