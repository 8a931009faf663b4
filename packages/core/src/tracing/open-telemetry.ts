import { createRequire } from 'node:module';
import type * as OtelApi from '@opentelemetry/api';

/** Where `@opentelemetry/api` (major 1) keeps its globals; `trace` is there once a tracer provider is registered. */
const OTEL_GLOBAL = Symbol.for('opentelemetry.js.api.1');

/** The API package: `undefined` until looked for, `null` when it could not be loaded. */
let api: typeof OtelApi | null | undefined;

/**
 * `@opentelemetry/api` when a tracer provider is registered (the API's global has `trace`), else
 * `undefined`. Neither the package nor anything else is loaded until then: with no provider, or
 * without the package installed (it is an optional peer dependency), tracing costs one property
 * read per request.
 */
export function openTelemetry(): typeof OtelApi | undefined {
  const global = (globalThis as Record<symbol, { trace?: unknown } | undefined>)[OTEL_GLOBAL];
  if (global?.trace === undefined) return undefined;
  if (api === undefined) {
    try {
      api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OtelApi;
    } catch {
      api = null;
    }
  }
  return api ?? undefined;
}
