import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, percentile, summarize, type FetchResult } from '../src/index.js';

function result(index: number, ms: number, outcome: 'ok' | HttpError | NetworkError): FetchResult {
  const base = { index, url: `u${index}`, attempts: 1, timing: { start: 0, end: ms, ms } };
  if (outcome === 'ok') return { ...base, ok: true, status: 200, data: null };
  return outcome instanceof HttpError ? { ...base, ok: false, status: outcome.status, error: outcome } : { ...base, ok: false, error: outcome };
}

describe('summarize', () => {
  it('counts ok, failures by code and status, and nearest-rank latency percentiles', () => {
    const results = Array.from({ length: 100 }, (_, i) =>
      result(i, i + 1, i === 10 ? new HttpError(404) : i === 20 ? new NetworkError('ECONNRESET', 'reset') : 'ok'),
    );
    const summary = summarize(results, 2000);
    expect(summary).toMatchObject({
      count: 100,
      ok: 98,
      failed: 2,
      failedByCode: { EHTTP: 1, ECONNRESET: 1 },
      statuses: { '200': 98, '404': 1 },
      attempts: 100,
      wallMs: 2000,
      throughput: 50,
      latency: { p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 },
    });
  });

  it('gives zeros for an empty run', () => {
    expect(summarize([], 0)).toMatchObject({ count: 0, throughput: 0, latency: { p50: 0, max: 0 } });
    expect(percentile([], 99)).toBe(0);
  });
});
