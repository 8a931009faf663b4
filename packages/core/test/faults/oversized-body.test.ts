import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: body larger than maxBodyBytes (%s)', (transport) => {
  it('is a BodyTooLargeError, not retried, and the connection is dropped', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/big?bytes=50000000`, { retry: 2, maxBodyBytes: 100_000 }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'BodyTooLargeError', code: 'EBODYTOOLARGE', attempts: 1 });
    await expect.poll(() => ctx.upstream.stats.aborted).toBe(1);
    expect(neighboursOk(results)).toBe(true);
  });
});
