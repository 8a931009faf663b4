import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fanout, NetworkError, type FanoutOptions, type FetchResult, type RequestInput, type RetryContext } from '../src/index.js';
import { collect } from './helpers.js';
import { stubTransport, type StubReply } from './stub-transport.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Runs one input against a stub that gives `replies` in turn (the last one forever), on a fake clock. */
async function attemptsFor(input: RequestInput, replies: StubReply[], options: FanoutOptions = {}): Promise<{ result: FetchResult; sends: number }> {
  const transport = stubTransport((_request, n) => replies[Math.min(n, replies.length) - 1] as StubReply);
  const run = collect(fanout([input], { transport, ...options }));
  await vi.advanceTimersByTimeAsync(120_000);
  const [result] = await run;
  if (!result) throw new Error('no result');
  return { result, sends: transport.sends.length };
}

const URL = 'http://api.test/x';
const E503 = { status: 503 };

describe('retry policy (`retry` option)', () => {
  it('a number is the limit: retry 3 makes 4 attempts, retry 0 one', async () => {
    expect((await attemptsFor(URL, [E503], { retry: 3 })).sends).toBe(4);
    expect((await attemptsFor(URL, [E503], { retry: 0 })).sends).toBe(1);
    expect((await attemptsFor(URL, [E503])).sends).toBe(3);
  });

  it('POST and PATCH are not retried, unless they carry an Idempotency-Key header', async () => {
    expect((await attemptsFor({ url: URL, method: 'POST', body: '{}' }, [E503])).sends).toBe(1);
    expect((await attemptsFor({ url: URL, method: 'PATCH' }, [E503])).sends).toBe(1);
    const keyed = await attemptsFor({ url: URL, method: 'POST', body: '{}', headers: { 'Idempotency-Key': 'k-1' } }, [E503, E503, { status: 201 }]);
    expect(keyed).toMatchObject({ sends: 3, result: { ok: true, status: 201, attempts: 3 } });
  });

  it('methods and statusCodes narrow what is retried', async () => {
    expect((await attemptsFor({ url: URL, method: 'PUT' }, [E503], { retry: { methods: ['GET'] } })).sends).toBe(1);
    expect((await attemptsFor(URL, [E503], { retry: { statusCodes: [429] } })).sends).toBe(1);
    expect((await attemptsFor(URL, [{ status: 429 }], { retry: { statusCodes: [429] } })).sends).toBe(3);
    expect((await attemptsFor(URL, [{ status: 404 }])).sends).toBe(1);
  });

  it('errorCodes is an allowlist: TLS codes are never retried, listed network codes are', async () => {
    const tls = new NetworkError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate');
    const reset = new NetworkError('ECONNRESET', 'socket hang up');
    expect(await attemptsFor(URL, [tls], { retry: 5 })).toMatchObject({ sends: 1, result: { error: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } } });
    expect((await attemptsFor(URL, [reset], { retry: 2 })).sends).toBe(3);
    expect((await attemptsFor(URL, [reset], { retry: { errorCodes: ['ETIMEDOUT'] } })).sends).toBe(1);
  });

  it('shouldRetry sees the failure and the built-in verdict, and may narrow or widen it', async () => {
    const seen: RetryContext[] = [];
    const never = await attemptsFor(URL, [E503], { retry: { shouldRetry: (context) => (seen.push(context), false) } });
    expect(never.sends).toBe(1);
    expect(seen[0]).toMatchObject({ attempt: 1, retryable: true, error: { status: 503 }, request: { url: URL, method: 'GET' } });
    const widened = await attemptsFor(URL, [{ status: 404 }, { status: 200 }], { retry: { shouldRetry: async ({ error }) => error.code === 'EHTTP' } });
    expect(widened).toMatchObject({ sends: 2, result: { ok: true } });
  });

  it('backs off with full jitter within [0, min(max, base * 2^n))', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const transport = stubTransport(() => E503);
    const t0 = performance.now();
    const run = collect(fanout([URL], { transport, retry: { limit: 3, backoff: { base: 100, max: 150 } } }));
    await vi.advanceTimersByTimeAsync(10_000);
    await run;
    // Waits of 0.5 * 100, 0.5 * 150 (capped), 0.5 * 150.
    expect(transport.sends.map((s) => Math.round(s.at - t0))).toEqual([0, 50, 125, 200]);
  });

  it('rejects out-of-range values with a RangeError naming the field', () => {
    expect(() => fanout([], { retry: -1 })).toThrow(/retry must be an integer >= 0, got -1/);
    expect(() => fanout([], { retry: { limit: 1.5 } })).toThrow(/retry.limit/);
    expect(() => fanout([], { retry: { backoff: { base: Number.NaN } } })).toThrow(/retry.backoff.base/);
    expect(() => fanout([], { retry: { budget: { ratio: -1 } } })).toThrow(/retry.budget.ratio/);
  });
});
