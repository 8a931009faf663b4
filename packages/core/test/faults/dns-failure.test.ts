import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: DNS failure (%s)', (transport) => {
  it('is a NetworkError ENOTFOUND for a .invalid host, retried like other network errors (retry.errorCodes)', async () => {
    const results = await runBetweenGood(ctx.upstream, 'http://no-such-host.invalid/posts/1', { retry: { limit: 2, backoff: { base: 1 } } }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code: 'ENOTFOUND', attempts: 3 });
    expect(neighboursOk(results)).toBe(true);
  });
});
