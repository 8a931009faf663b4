import type { IncomingHttpHeaders } from 'node:http';

/** The latency and failure rate one request asks the demo upstream for (instead of its own). */
export interface RequestShaping {
  /** Delay before this request's answer, ms (integer, 0 to {@link MAX_SHAPED_LATENCY_MS}). */
  readonly latency?: number;
  /** Chance (0–1) that this request fails on purpose. */
  readonly failRate?: number;
}

/** Header names of {@link RequestShaping}: they shape the request that carries them, and no other. */
export const SHAPING_HEADERS = { latency: 'x-demo-latency', failRate: 'x-demo-fail-rate' } as const;

/** The longest latency a request may ask for, ms. */
export const MAX_SHAPED_LATENCY_MS = 60_000;

/**
 * The headers that ask the demo upstream for `shaping` on one request (none for what is not given).
 *
 * @example
 * fetch(`${upstream.url}/posts/1`, { headers: shapingHeaders({ latency: 500, failRate: 0.5 }) });
 */
export function shapingHeaders(shaping: RequestShaping): Record<string, string> {
  const headers: Record<string, string> = {};
  if (shaping.latency !== undefined) headers[SHAPING_HEADERS.latency] = String(shaping.latency);
  if (shaping.failRate !== undefined) headers[SHAPING_HEADERS.failRate] = String(shaping.failRate);
  return headers;
}

/** A shaping header with a value the demo upstream does not take (answered with a 400). */
export class ShapingHeaderError extends Error {
  override readonly name = 'ShapingHeaderError' as const;
  readonly code = 'EBADSHAPING' as const;
}

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Reads a request's shaping headers; throws {@link ShapingHeaderError} for a bad value. */
export function readShaping(headers: IncomingHttpHeaders): RequestShaping {
  const latency = single(headers, SHAPING_HEADERS.latency);
  const failRate = single(headers, SHAPING_HEADERS.failRate);
  if (latency !== undefined && (!/^\d{1,6}$/.test(latency) || Number(latency) > MAX_SHAPED_LATENCY_MS)) {
    throw new ShapingHeaderError(`${SHAPING_HEADERS.latency} must be an integer from 0 to ${MAX_SHAPED_LATENCY_MS} (ms), got ${JSON.stringify(latency.slice(0, 40))}`);
  }
  if (failRate !== undefined && !/^(?:0(?:\.\d{1,20})?|1(?:\.0{1,20})?)$/.test(failRate)) {
    throw new ShapingHeaderError(`${SHAPING_HEADERS.failRate} must be a number from 0 to 1, got ${JSON.stringify(failRate.slice(0, 40))}`);
  }
  return { ...(latency === undefined ? {} : { latency: Number(latency) }), ...(failRate === undefined ? {} : { failRate: Number(failRate) }) };
}
