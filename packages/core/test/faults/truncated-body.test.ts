import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: body shorter than its Content-Length (%s)', (transport) => {
  it('is a NetworkError, never a half body passed off as data', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/truncated`, { retry: 0 }, transport);
    expect(errorOf(results[1])).toMatchObject({ name: 'NetworkError', attempts: 1 });
    expect(neighboursOk(results)).toBe(true);
  });
});
