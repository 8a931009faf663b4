import { lastValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fanout, summarizeRun } from '../src/index.js';
import { stubTransport } from './stub-transport.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('attempts and retries are counted as they are sent', () => {
  it('invalid inputs count 0 attempts and hide no retries: the summary says every retry that was sent', async () => {
    // Each URL answers 503 on its first `failures` sends, then 200.
    const failures: Record<string, number> = { 'http://a.test/1': 2, 'http://a.test/2': 1, 'http://a.test/3': 1, 'http://a.test/4': 0 };
    const hits: Record<string, number> = {};
    const transport = stubTransport((request) => {
      hits[request.url] = (hits[request.url] ?? 0) + 1;
      return (hits[request.url] ?? 0) <= (failures[request.url] ?? 0) ? { status: 503 } : { status: 200 };
    });
    const inputs = ['not a url', ...Object.keys(failures), 'ftp://nope.test/x', 'also not a url'];
    const run = lastValueFrom(fanout(inputs, { transport, retry: { limit: 3, backoff: { base: 10 } } }).pipe(summarizeRun()));
    await vi.advanceTimersByTimeAsync(10_000);
    const summary = await run;

    expect(transport.sends).toHaveLength(8);
    // 7 inputs, 8 attempts: an "attempts - count" would say 1 retry; 4 were sent.
    expect(summary).toMatchObject({ count: 7, ok: 4, attempts: 8, retries: 4, failedByCode: { ERR_INVALID_URL: 3 } });
  });
});
