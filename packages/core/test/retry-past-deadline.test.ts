import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fanout, type FetchResult } from '../src/index.js';
import { stubTransport } from './stub-transport.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** The one result of a run, once it has come without the fake clock moving at all. */
async function resultWithoutWaiting(run: ReturnType<typeof fanout>): Promise<FetchResult> {
  let result: FetchResult | undefined;
  run.subscribe((r) => (result = r));
  // Let promises settle, but move no timer: a retry that waited would not be done.
  await vi.advanceTimersByTimeAsync(0);
  if (!result) throw new Error('the request is still waiting');
  return result;
}

describe('a retry wait that would end past the deadline', () => {
  it('a Retry-After longer than what is left of the deadline fails at once with the error it got', async () => {
    const transport = stubTransport(() => ({ status: 503, headers: { 'retry-after': '10' } }));
    const result = await resultWithoutWaiting(fanout(['http://api.test/x'], { transport, deadline: 5000, retry: 3 }));
    expect(result).toMatchObject({ ok: false, status: 503, attempts: 1, error: { name: 'HttpError', retryAfterMs: 10_000 } });
    expect(transport.sends).toHaveLength(1);
  });

  it('so does a backoff that would end past it', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const transport = stubTransport(() => ({ status: 500 }));
    const result = await resultWithoutWaiting(fanout(['http://api.test/x'], { transport, deadline: 50, retry: { limit: 3, backoff: { base: 1000 } } }));
    expect(result).toMatchObject({ ok: false, status: 500, attempts: 1, error: { code: 'EHTTP' } });
  });

  it('a wait that ends before the deadline is waited, and the retry is sent', async () => {
    const transport = stubTransport((_request, n) => (n === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 }));
    let result: FetchResult | undefined;
    fanout(['http://api.test/x'], { transport, deadline: 5000, retry: 3 }).subscribe((r) => (result = r));
    await vi.advanceTimersByTimeAsync(999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });
});
