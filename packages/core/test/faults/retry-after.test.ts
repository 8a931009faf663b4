import { afterEach, describe, expect, it, vi } from 'vitest';
import { fanout, type FetchResult } from '../../src/index.js';
import { stubTransport } from '../stub-transport.js';
import { TRANSPORTS, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

// On each transport, against a real server: the header reaches core and a retry follows. How
// long is waited is core's (above any transport) and is checked below on a fake clock, exactly.
describe.each(TRANSPORTS)('fault: 429 with Retry-After (%s)', (transport) => {
  it('reads Retry-After in seconds (retryAfterMs on the error when it is not retried)', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/status/429?retryAfter=7`, { retry: 0 }, transport);
    expect(results[1]).toMatchObject({ ok: false, status: 429, attempts: 1, error: { name: 'HttpError', retryAfterMs: 7000 } });
    expect(neighboursOk(results)).toBe(true);
  });

  it('reads an HTTP-date Retry-After too', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/status/429?retryAfter=7&date=1`, { retry: 0 }, transport);
    const error = results[1]?.ok === false ? (results[1].error as { retryAfterMs?: number }) : {};
    // An HTTP date has one-second resolution: 6 to 7 s from now.
    expect(error.retryAfterMs).toBeGreaterThan(5000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(7000);
  });

  it('retries after a Retry-After of 0 and succeeds on the next attempt', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/zero?failures=1&status=429&retryAfter=0`, { retry: { limit: 2, backoff: { base: 1 } } }, transport);
    expect(results[1]).toMatchObject({ ok: true, attempts: 2, data: { hit: 2 } });
    expect(neighboursOk(results)).toBe(true);
  });

  it('caps the wait at maxRetryAfter', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/cap?failures=1&status=429&retryAfter=3600`, {
      retry: { limit: 1, maxRetryAfter: 20 },
    }, transport);
    expect(results[1]).toMatchObject({ ok: true, attempts: 2 });
  });
});

describe('the Retry-After wait, on a fake clock', () => {
  afterEach(() => vi.useRealTimers());

  /** Subscribes and records the results as they come; the fake clock moves only when told. */
  function start(run: ReturnType<typeof fanout>): FetchResult[] {
    const results: FetchResult[] = [];
    run.subscribe((result) => results.push(result));
    return results;
  }

  it('waits exactly the seconds given, then sends the retry', async () => {
    vi.useFakeTimers();
    const transport = stubTransport((_request, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const results = start(fanout(['http://api.test/x'], { transport, retry: { limit: 2, backoff: { base: 1 } } }));
    await vi.advanceTimersByTimeAsync(999);
    expect(transport.sends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.sends).toHaveLength(2);
    expect(results).toMatchObject([{ ok: true, attempts: 2 }]);
  });

  it('waits until an HTTP date', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00.000Z') });
    const date = new Date('2026-01-01T00:00:02.000Z').toUTCString();
    const transport = stubTransport((_request, n) => (n === 1 ? { status: 429, headers: { 'retry-after': date } } : { status: 200 }));
    const results = start(fanout(['http://api.test/x'], { transport, retry: { limit: 2, backoff: { base: 1 } } }));
    await vi.advanceTimersByTimeAsync(1999);
    expect(transport.sends).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(results).toMatchObject([{ ok: true, attempts: 2 }]);
  });

  it('pauses the whole host: a request that has a free slot waits too', async () => {
    vi.useFakeTimers();
    const transport = stubTransport((request) => (request.url.endsWith('/first') && transport.sends.length === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const inputs = ['http://api.test/first', 'http://api.test/2', 'http://api.test/3', 'http://api.test/4'];
    const results = start(fanout(inputs, { concurrency: 2, retry: 1, transport }));
    await vi.advanceTimersByTimeAsync(999);
    // /first got its 429 and /2 its answer at once; /3 has a free slot but the host is paused.
    expect(transport.sends.map((send) => send.url)).toEqual(['http://api.test/first', 'http://api.test/2']);
    await vi.advanceTimersByTimeAsync(1);
    expect(results).toHaveLength(4);
    expect(results.every((result) => result.ok)).toBe(true);
    for (const send of transport.sends.slice(2)) expect(send.at).toBeGreaterThanOrEqual(1000);
  });
});
