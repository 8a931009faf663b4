import { describe, expect, it } from 'vitest';
import { TRANSPORTS, errorOf, neighboursOk, runBetweenGood, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: malformed JSON (%s)', (transport) => {
  it('is a ParseError, not retried', async () => {
    const results = await runBetweenGood(ctx.upstream, `${ctx.upstream.url}/__fault/malformed`, { retry: 2 }, transport);
    expect(errorOf(results[1])).toEqual({ name: 'ParseError', code: 'EPARSE', attempts: 1 });
    expect(ctx.upstream.stats.byPath.get('/__fault/malformed')).toBe(1);
    expect(neighboursOk(results)).toBe(true);
  });
});
