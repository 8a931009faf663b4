import { startDemoUpstream } from '@fanout/demo-upstream';
import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { collect } from './helpers.js';

describe('per-host concurrency limit', () => {
  it('holds per host while another host still gets the rest of the global window', async () => {
    const slow = await startDemoUpstream({ latency: 40 });
    const other = await startDemoUpstream({ latency: 40 });
    try {
      const urls = Array.from({ length: 12 }, (_, i) => `${(i % 2 ? slow : other).url}/posts/${i + 1}`);
      const results = await collect(fanout(urls, { concurrency: 8, perHost: 2 }));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(slow.stats.maxInFlight).toBe(2);
      expect(other.stats.maxInFlight).toBe(2);
    } finally {
      await Promise.all([slow.close(), other.close()]);
    }
  });
});

describe('per-host rate limit', () => {
  it('spaces the requests to each host, and hosts do not wait for each other', async () => {
    const a = await startDemoUpstream();
    const b = await startDemoUpstream();
    try {
      const urls = [...Array.from({ length: 5 }, () => `${a.url}/posts/1`), ...Array.from({ length: 5 }, () => `${b.url}/posts/1`)];
      const results = await collect(fanout(urls, { concurrency: 10, perHostRate: 10 }));
      const of = (host: string) => results.filter((r) => r.url.startsWith(host)).sort((x, y) => x.timing.end - y.timing.end);
      expect(results.every((r) => r.ok)).toBe(true);
      for (const host of [a.url, b.url]) {
        const [first, , , , fifth] = of(host);
        // 10/s per host: the 5th request to a host cannot be sent (so cannot end) before 4 * 100 ms
        // after the run began (a lower bound: a slow machine only makes it larger).
        expect((fifth?.timing.end ?? 0) - (first?.timing.start ?? 0)).toBeGreaterThanOrEqual(4 * 100 - 10);
      }
      // Per host, not global: b's first request is not queued behind a's (sent at 0, 100, 200 ms...).
      expect(of(b.url)[0]?.timing.end).toBeLessThan(of(a.url)[2]?.timing.end ?? 0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
