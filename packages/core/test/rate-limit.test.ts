import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fanout, type FetchResult } from '../src/index.js';
import { collect } from './helpers.js';
import { stubTransport } from './stub-transport.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Runs `urls` to completion on the fake clock; returns the results. */
async function runOnFakeClock(run: Promise<FetchResult[]>, ms: number): Promise<FetchResult[]> {
  await vi.advanceTimersByTimeAsync(ms);
  return run;
}

describe('rate limits (fake clock)', () => {
  it('rate: sends are spaced 1/rate apart, across hosts', async () => {
    const transport = stubTransport(() => ({ status: 200 }));
    const urls = Array.from({ length: 8 }, (_, i) => `http://host-${i % 2}.test/x`);
    const t0 = performance.now();
    const results = await runOnFakeClock(collect(fanout(urls, { concurrency: 8, rate: 20, transport })), 1000);

    expect(results.every((r) => r.ok)).toBe(true);
    expect(transport.sends.map((s) => Math.round(s.at - t0))).toEqual([0, 50, 100, 150, 200, 250, 300, 350]);
  });

  it('perHostRate: each host is spaced on its own; hosts do not wait for each other', async () => {
    const transport = stubTransport(() => ({ status: 200 }));
    const urls = [...Array.from({ length: 5 }, () => 'http://a.test/x'), ...Array.from({ length: 5 }, () => 'http://b.test/x')];
    const t0 = performance.now();
    const results = await runOnFakeClock(collect(fanout(urls, { concurrency: 10, perHostRate: 10, transport })), 1000);

    expect(results.every((r) => r.ok)).toBe(true);
    const at = (host: string) => transport.sends.filter((s) => s.url.includes(host)).map((s) => Math.round(s.at - t0));
    expect(at('a.test')).toEqual([0, 100, 200, 300, 400]);
    expect(at('b.test')).toEqual([0, 100, 200, 300, 400]);
  });

  it('time waiting for the rate limit is queue time, not wire time', async () => {
    const transport = stubTransport(() => ({ status: 200 }));
    const results = await runOnFakeClock(collect(fanout(Array(4).fill('http://a.test/x'), { concurrency: 4, rate: 10, transport })), 1000);
    const queued = results.map((r) => Math.round(r.timing.queuedMs)).sort((x, y) => x - y);
    expect(queued).toEqual([0, 100, 200, 300]);
    expect(results.every((r) => r.timing.wireMs === 0)).toBe(true);
  });
});
