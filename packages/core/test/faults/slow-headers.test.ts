import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: headers slower than the timeout (%s)', (transport) => {
  it('is a TimeoutError ETIMEDOUT per attempt, and the server sees each attempt abandoned', async () => {
    // A timeout long enough for each attempt to reach the server however busy the machine is
    // (at 150 ms, a second attempt on a new connection was once abandoned before the server read it).
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/slow-headers?ms=20000`, {
      retry: { limit: 1, backoff: { base: 1 } },
      timeout: 1000,
    }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'TimeoutError', code: 'ETIMEDOUT', attempts: 2 });
    await expect.poll(() => ctx.upstream.stats.byPath.get('/__fault/slow-headers')).toBe(2);
    await expect.poll(() => ctx.upstream.stats.aborted).toBe(2);
    expect(neighboursOk(results)).toBe(true);
  });
});
