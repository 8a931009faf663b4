import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { useUpstream } from './faults/fault-helpers.js';
import { collect } from './helpers.js';

const ctx = useUpstream();

describe('retry budget', () => {
  it('caps retries at min + ratio * requests, so a failing host sees no retry storm', async () => {
    const urls = Array.from({ length: 50 }, () => `${ctx.upstream.url}/__fault/status/503`);
    const results = await collect(fanout(urls, { concurrency: 10, retries: 5, retryBaseDelay: 1, retryBudgetRatio: 0.2, retryBudgetMin: 5 }));
    const retries = results.reduce((sum, r) => sum + r.attempts - 1, 0);

    expect(results).toHaveLength(50);
    expect(results.every((r) => !r.ok && r.error.code === 'EHTTP')).toBe(true);
    // 50 first attempts, and retries within 5 + 20% of the 50 inputs (without a budget: 250).
    expect(ctx.upstream.stats.requests).toBe(50 + retries);
    expect(retries).toBe(15);
  });
});
