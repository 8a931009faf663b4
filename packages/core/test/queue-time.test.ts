import { of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { fanout, summarize, type FetchResult, type Transport } from '../src/index.js';
import { useHeldServer } from './held-server.js';
import { collect } from './helpers.js';

const held = useHeldServer();

describe('timing: queued vs wire time', () => {
  it('concurrency 64, perHost 8: time waiting for a per-host slot is queuedMs, not wireMs or latency', async () => {
    // The server answers in waves: each time 8 requests are in flight, it answers all 8.
    held.server.releaseWhen(8);
    const urls = Array.from({ length: 64 }, (_, i) => `${held.server.url}/q/${i}`);
    const results = await collect(fanout(urls, { concurrency: 64, perHost: 8 }));

    expect(results.every((r) => r.ok)).toBe(true);
    expect(held.server.maxInFlight).toBe(8);
    // The first wave was sent at once; every later request waited for a slot, and says so.
    const firstWave = new Set(held.server.arrivals.slice(0, 8));
    for (const result of results) {
      const { ms, queuedMs, wireMs } = result.timing;
      expect(queuedMs + wireMs).toBeLessThanOrEqual(ms + 1e-6);
      if (!firstWave.has(new URL(result.url).pathname)) expect(queuedMs).toBeGreaterThan(0);
    }
    // Wave k waited for the k-1 waves before it, so the queue time adds up to several times the
    // wire time (about 3.5x for 8 waves): the latency reported is the wire time, the rest is queue.
    const total = (pick: (r: (typeof results)[number]) => number) => results.reduce((sum, r) => sum + pick(r), 0);
    expect(total((r) => r.timing.queuedMs)).toBeGreaterThan(total((r) => r.timing.wireMs));
    const summary = summarize(results, 1);
    expect(summary.queued.p50).toBeGreaterThan(summary.latency.p50);
    expect(summary.latency.max).toBeLessThan(Math.max(...results.map((r) => r.timing.ms)));
  });
});

describe('timing: an Observable input waiting for a concurrency slot', () => {
  it('counts the time a pushed input waited in the run as queuedMs, from when it arrived', async () => {
    vi.useFakeTimers();
    try {
      const transport: Transport = {
        name: 'slow-stub',
        send: () => new Promise((resolve) => setTimeout(() => resolve({ status: 200, header: () => undefined, headers: () => ({}), body: '{}' }), 100)),
        close: () => Promise.resolve(),
      };
      const results: FetchResult[] = [];
      fanout(of('http://a.test/1', 'http://a.test/2', 'http://a.test/3'), { concurrency: 1, transport }).subscribe((r) => results.push(r));
      await vi.advanceTimersByTimeAsync(300);

      expect(results.map((r) => [Math.round(r.timing.queuedMs), Math.round(r.timing.wireMs), Math.round(r.timing.ms)])).toEqual([
        [0, 100, 100],
        [100, 100, 200],
        [200, 100, 300],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
