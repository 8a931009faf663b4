import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: 503 then success (%s)', (transport) => {
  it('retries and succeeds, counting the attempts the server saw', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/a?failures=2&status=503`, { retry: { limit: 2, backoff: { base: 1 } } }, transport);
    expect(results[1]).toMatchObject({ ok: true, status: 200, attempts: 3, data: { ok: true, hit: 3 } });
    expect(ctx.upstream.stats.byPath.get('/__fault/flaky/a')).toBe(3);
    expect(neighboursOk(results)).toBe(true);
  });

  it('gives up after `retries` and reports the last status', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/flaky/b?failures=9&status=503`, { retry: { limit: 2, backoff: { base: 1 } } }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'HttpError', code: 'EHTTP', attempts: 3 });
    expect(results[1]?.status).toBe(503);
    expect(ctx.upstream.stats.byPath.get('/__fault/flaky/b')).toBe(3);
  });

  it('never retries a 404', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/posts/9999`, { retry: { limit: 3, backoff: { base: 1 } } }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'HttpError', code: 'EHTTP', attempts: 1 });
  });
});
