import { describe, expect, it } from 'vitest';
import { fanout, type FetchResult } from '../../src/index.js';
import { TRANSPORTS, transportFor, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

describe.each(TRANSPORTS)('fault: abort while waiting to retry (%s)', (transport) => {
  it('stops the backoff at once: AbortError, no further attempt reaches the server', async () => {
    const controller = new AbortController();
    // The first attempt answers 503 with Retry-After: 30 s, longer than this test may take.
    const url = `${ctx.upstream.url}/__fault/flaky/backoff?failures=5&status=503&retryAfter=30`;
    const result = new Promise<FetchResult>((resolve) =>
      fanout([url], { retry: { limit: 3, maxRetryAfter: 60_000 }, signal: controller.signal, transport: transportFor(transport) }).subscribe((r) => resolve(r)),
    );
    await expect.poll(() => ctx.upstream.stats.completed).toBe(1);

    controller.abort();

    expect(await result).toMatchObject({ ok: false, attempts: 1, error: { name: 'AbortError', code: 'EABORTED' } });
    expect(ctx.upstream.stats.requests).toBe(1);
  });
});
