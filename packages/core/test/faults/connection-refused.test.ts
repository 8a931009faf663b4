import { freePort } from '@fanout/demo-upstream';
import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: connection refused (%s)', (transport) => {
  it('is a NetworkError ECONNREFUSED after every retry, neighbours unaffected', async () => {
    const port = await freePort();
    const results = await runBetweenGood(ctx.upstream, `http://127.0.0.1:${port}/posts/1`, { retry: { limit: 2, backoff: { base: 1 } } }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code: 'ECONNREFUSED', attempts: 3 });
    expect(neighboursOk(results)).toBe(true);
  });
});
