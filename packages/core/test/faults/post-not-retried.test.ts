import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: a POST that fails (%s)', (transport) => {
  it('is never retried, whatever the error', async () => {
    const results = await runBetweenGood(
      ctx.upstream,
      { url: `${ctx.upstream.url}/__fault/flaky/post?failures=1&status=503`, method: 'POST', body: '{}' },
      { retry: { limit: 3, backoff: { base: 1 } } },
      transport,
    );
    expect(errorOf(results[1])).toEqual({ name: 'HttpError', code: 'EHTTP', attempts: 1 });
    expect(ctx.upstream.stats.byPath.get('/__fault/flaky/post')).toBe(1);
  });
});
