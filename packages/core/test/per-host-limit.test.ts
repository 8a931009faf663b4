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
