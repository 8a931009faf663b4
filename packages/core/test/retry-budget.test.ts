import { describe, expect, it } from 'vitest';
import { fanout, serializeResult, summarize } from '../src/index.js';
import { useUpstream } from './faults/fault-helpers.js';
import { collect } from './helpers.js';

const ctx = useUpstream();

describe('retry budget', () => {
  it('caps retries at min + ratio * requests, and says which results it cut short', async () => {
    const urls = Array.from({ length: 50 }, () => `${ctx.upstream.url}/__fault/status/503`);
    const results = await collect(fanout(urls, { concurrency: 10, retry: { limit: 5, backoff: { base: 1 }, budget: { ratio: 0.2, min: 5 } } }));
    const retries = results.reduce((sum, r) => sum + r.attempts - 1, 0);

    expect(results).toHaveLength(50);
    expect(results.every((r) => !r.ok && r.error.code === 'EHTTP')).toBe(true);
    // 50 first attempts, and retries within 5 + 20% of the 50 inputs (without a budget: 250).
    expect(ctx.upstream.stats.requests).toBe(50 + retries);
    expect(retries).toBe(15);
    // Every result that stopped before its 6th attempt was stopped by the budget, and says so.
    const cut = results.filter((r) => !r.ok && r.retryBudgetExhausted);
    expect(cut.length).toBe(results.filter((r) => r.attempts < 6).length);
    expect(cut.length).toBeGreaterThan(0);
    const summary = summarize(results, 1000);
    expect(summary).toMatchObject({ retries: 15, retriesRefused: cut.length, attempts: 65 });
    const line = cut[0] && serializeResult(cut[0]);
    expect(line).toMatchObject({ ok: false, retryBudgetExhausted: true });
    expect(JSON.parse(JSON.stringify(line))).toHaveProperty('retryBudgetExhausted', true);
  });

  it('budget: false lets every request use its full retry limit', async () => {
    const urls = Array.from({ length: 20 }, () => `${ctx.upstream.url}/__fault/status/503`);
    const results = await collect(fanout(urls, { concurrency: 10, retry: { limit: 2, backoff: { base: 1 }, budget: false } }));
    expect(results.every((r) => r.attempts === 3 && !r.ok && !r.retryBudgetExhausted)).toBe(true);
    expect(ctx.upstream.stats.requests).toBe(60);
    expect(summarize(results, 1).retriesRefused).toBe(0);
  });
});
