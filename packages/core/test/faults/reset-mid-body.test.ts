import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: connection reset in the middle of the body (%s)', (transport) => {
  it('is a NetworkError ECONNRESET, retried, with one server request per attempt', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/reset-mid-body`, { retry: { limit: 1, backoff: { base: 1 } } }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code: 'ECONNRESET', attempts: 2 });
    expect(ctx.upstream.stats.byPath.get('/__fault/reset-mid-body')).toBe(2);
    expect(neighboursOk(results)).toBe(true);
  });

  it('is a NetworkError ECONNRESET when the server drops the connection before answering', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/reset`, { retry: 0 }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code: 'ECONNRESET', attempts: 1 });
    expect(neighboursOk(results)).toBe(true);
  });
});
