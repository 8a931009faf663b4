import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { useUpstream } from './faults/fault-helpers.js';
import { collect } from './helpers.js';

const ctx = useUpstream();

describe('whole-run deadline', () => {
  it('aborts in-flight requests and fails the remaining inputs with EDEADLINE, one result each', async () => {
    const urls = Array.from({ length: 30 }, () => `${ctx.upstream.url}/__fault/hang`);
    const results = await collect(fanout(urls, { concurrency: 3, deadline: 100 }));

    expect(results).toHaveLength(30);
    expect(results.every((r) => !r.ok && r.error.name === 'TimeoutError' && r.error.code === 'EDEADLINE')).toBe(true);
    expect(ctx.upstream.stats.requests).toBe(3);
    await expect.poll(() => ctx.upstream.stats.aborted).toBe(3);
  });
});
