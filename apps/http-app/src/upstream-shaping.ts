import { shapingHeaders } from '@fanout/demo-upstream';
import { AppError } from './app-error.js';

/** What a call may ask of the embedded demo upstream, for its own requests. */
export interface UpstreamSettings {
  /** Delay before each answer, ms. */
  readonly latency: number;
  /** Share of requests (0–1) that fail with a 500. */
  readonly failRate: number;
}

/** The embedded demo upstream, which each call may shape for its own requests. */
export interface EmbeddedUpstream {
  /** Its settings for a call that asks for none (`DEMO_LATENCY_MS`, no failures). */
  readonly defaults: UpstreamSettings;
}

/**
 * Checks a call's `latency` / `failRate` before anything runs: with an external upstream
 * (`UPSTREAM_URL`) there is nothing to shape, so giving either is a 400 `EUPSTREAMFIXED`.
 */
export function checkShaping(embedded: EmbeddedUpstream | undefined, given: Partial<UpstreamSettings>): void {
  const names = Object.keys(given);
  if (names.length > 0 && embedded === undefined) {
    throw new AppError(400, 'EUPSTREAMFIXED', `latency and failRate shape the embedded demo upstream only (got ${names.join(' and ')}); this app fetches from UPSTREAM_URL, which it cannot change`);
  }
}

/**
 * The headers that carry a call's `latency` / `failRate` with each of its requests to the
 * embedded upstream: they shape that call's requests only, so one visitor's settings never
 * slow or fail another's. None with an external upstream.
 */
export function callShapingHeaders(embedded: EmbeddedUpstream | undefined, given: Partial<UpstreamSettings>): Record<string, string> {
  return embedded === undefined ? {} : shapingHeaders(given);
}

/** The settings a call's requests get: what it gave, the upstream's defaults for the rest. */
export function effectiveSettings(embedded: EmbeddedUpstream, given: Partial<UpstreamSettings>): UpstreamSettings {
  return { ...embedded.defaults, ...given };
}
