import { describe, expect, it } from 'vitest';
import { fanout, type FetchResult } from '../../src/index.js';
import { collect } from '../helpers.js';
import { TRANSPORTS, neighboursOk, runBetweenGood, transportFor, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: 429 with Retry-After (%s)', (transport) => {
  it('waits the Retry-After in seconds, then succeeds on the next attempt', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/secs?failures=1&status=429&retryAfter=1`, {
      retry: { limit: 2, backoff: { base: 1 } },
    }, transport);
    expect(results[1]).toMatchObject({ ok: true, attempts: 2, data: { hit: 2 } });
    expect(results[1]?.timing.ms).toBeGreaterThanOrEqual(900);
    expect(neighboursOk(results)).toBe(true);
  });

  it('reads an HTTP-date Retry-After too', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/date?failures=1&status=429&retryAfter=2&date=1`, {
      retry: { limit: 2, backoff: { base: 1 } },
    }, transport);
    expect(results[1]).toMatchObject({ ok: true, attempts: 2 });
    // An HTTP date has one-second resolution: at least ~1 s must have been waited.
    expect(results[1]?.timing.ms).toBeGreaterThanOrEqual(900);
  });

  it('caps the wait at retryMaxDelay', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/cap?failures=1&status=429&retryAfter=3600`, {
      retry: { limit: 1, maxRetryAfter: 20 },
    }, transport);
    expect(results[1]).toMatchObject({ ok: true, attempts: 2 });
  });

  it('pauses the whole host: requests queued behind the 429 wait too', async () => {
    const { url } = ctx.upstream;
    const inputs = [`${url}/__fault/flaky/pause?failures=1&status=429&retryAfter=1`, ...Array.from({ length: 4 }, (_, i) => `${url}/__fault/slow-headers?ms=${i === 0 ? 100 : 0}`)];
    const results: FetchResult[] = await collect(fanout(inputs, { concurrency: 2, retry: 1, transport: transportFor(transport) }));
    const late = results.filter((r) => r.index >= 2);
    const firstStart = results.find((r) => r.index === 0)?.timing.start ?? Infinity;
    // Requests started after the 429 arrived were held back by the host pause (~1 s).
    expect(late.length).toBe(3);
    for (const result of late) expect(result.timing.end - firstStart).toBeGreaterThanOrEqual(900);
  });
});
