import { describe, expect, it } from 'vitest';
import { HttpError, InvalidUrlError, NetworkError, summarize, type FetchResult } from '../src/index.js';

type Outcome = 'ok' | HttpError | NetworkError | InvalidUrlError;

function result(index: number, wireMs: number, outcome: Outcome, extra: { attempts?: number; queuedMs?: number; refused?: boolean } = {}): FetchResult {
  const queuedMs = extra.queuedMs ?? 0;
  const ms = wireMs + queuedMs;
  const attempts = extra.attempts ?? (outcome instanceof InvalidUrlError ? 0 : 1);
  const base = { index, url: `u${index}`, attempts, timing: { start: 0, end: ms, ms, queuedMs, wireMs } };
  if (outcome === 'ok') return { ...base, ok: true, status: 200, data: null };
  const refused = extra.refused ? { retryBudgetExhausted: true as const } : {};
  return outcome instanceof HttpError ? { ...base, ok: false, status: outcome.status, error: outcome, ...refused } : { ...base, ok: false, error: outcome, ...refused };
}

describe('summarize', () => {
  it('counts ok, failures by code and status, and nearest-rank percentiles of wire time', () => {
    const results = Array.from({ length: 100 }, (_, i) =>
      result(i, i + 1, i === 10 ? new HttpError(404) : i === 20 ? new NetworkError('ECONNRESET', 'reset') : 'ok', { queuedMs: i === 99 ? 5000 : 0 }),
    );
    const summary = summarize(results, 2000);
    expect(summary).toMatchObject({
      count: 100,
      ok: 98,
      failed: 2,
      failedByCode: { EHTTP: 1, ECONNRESET: 1 },
      statuses: { '200': 98, '404': 1 },
      attempts: 100,
      retries: 0,
      retriesRefused: 0,
      wallMs: 2000,
      throughput: 50,
      // Wire time only: the 5 s one request spent queued is not latency...
      latency: { p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 },
      // ...it is queue time.
      queued: { p50: 0, max: 5000, mean: 50 },
    });
  });

  it('counts retries as sent, whatever inputs could not be sent at all, and the retries the budget refused', () => {
    const results = [
      result(0, 10, 'ok', { attempts: 3 }),
      result(1, 10, new HttpError(503), { attempts: 2, refused: true }),
      result(2, 0, new InvalidUrlError('nope')),
      result(3, 0, new InvalidUrlError('nope too')),
      result(4, 10, 'ok', { attempts: 1 }),
    ];
    const summary = summarize(results, 100);
    // 6 attempts for 5 inputs, yet 3 retries: two inputs were never sent.
    expect(summary).toMatchObject({ count: 5, attempts: 6, retries: 3, retriesRefused: 1 });
    // Latency is over the 3 requests that went on the wire, not the 2 that never did.
    expect(summary.latency).toMatchObject({ p50: 10, mean: 10 });
  });

  it('rounds every time to 0.1 ms, so no raw float reaches JSON', () => {
    const summary = summarize([result(0, 168.24284799999805, 'ok', { queuedMs: 1.04999 })], 168.24284799999805);
    expect(summary.wallMs).toBe(168.2);
    expect(summary.latency.p50).toBe(168.2);
    expect(summary.queued.max).toBe(1);
    expect(summary.throughput).toBe(5.9);
  });

  it('gives zeros for an empty run', () => {
    expect(summarize([], 0)).toMatchObject({ count: 0, throughput: 0, latency: { p50: 0, max: 0 }, queued: { max: 0 } });
  });
});
