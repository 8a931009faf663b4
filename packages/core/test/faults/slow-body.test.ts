import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: a body that drips in slower than the timeout (%s)', (transport) => {
  it('is a TimeoutError: the timeout covers the body, not just the headers', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/drip?ms=100&chunks=20`, {
      retry: 0,
      timeout: 300,
    }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'TimeoutError', code: 'ETIMEDOUT', attempts: 1 });
    await expect.poll(() => ctx.upstream.stats.aborted).toBe(1);
    expect(neighboursOk(results)).toBe(true);
  });
});
