import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';

// The upstream never answers; each API call may take 300 ms (the per-attempt timeout is 5 s).
const ctx = useAppOn(() => undefined, { deadlineMs: 300 });

const deadlineError = { name: 'TimeoutError', code: 'EDEADLINE' };

describe('each API call ends at its deadline, with the unfinished items failed', () => {
  it('/api/posts', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1-5&concurrency=2`);
    expect(status).toBe(200);
    expect(body.results).toEqual(Array.from({ length: 5 }, (_, index) => expect.objectContaining({ index, ok: false, error: expect.objectContaining(deadlineError) })));
    expect(body.summary).toMatchObject({ count: 5, failed: 5, failedByCode: { EDEADLINE: 5 } });
    expect(ctx.upstream.requests.length).toBeLessThanOrEqual(2);
  });

  it('/api/posts/stream', async () => {
    const lines = (await (await fetch(`${ctx.url}/api/posts/stream?ids=1-5`)).text()).trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(JSON.parse(lines[5] ?? '')).toMatchObject({ summary: { count: 5, failedByCode: { EDEADLINE: 5 } } });
  });

  it('/api/compare: both runs together within the one deadline', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/compare?ids=1-3`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ sequential: { failedByCode: { EDEADLINE: 3 } }, concurrent: { failedByCode: { EDEADLINE: 3 } } });
  });
});
