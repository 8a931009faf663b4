import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';
import { postId, sendPost } from './test-upstream.js';

// Every post is about 300 KB; one call may read 1,000,000 bytes: three posts fit, a fourth does not.
const ctx = useAppOn((req, res) => sendPost(res, postId(req), 300_000), { byteBudget: 1_000_000 });

interface Line { index: number; ok: boolean; error?: { name: string; code: string; message: string } }

describe('one API call reads at most its byte budget from the upstream', () => {
  it('sequential: three posts fit, the fourth is cut at what was left, the rest are never sent', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1-10&mode=sequential`);
    const results = body.results as Line[];
    expect(status).toBe(200);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false, false, false, false, false, false]);
    expect(results[3]?.error).toEqual({ name: 'ByteBudgetError', code: 'EBYTEBUDGET', message: expect.stringContaining('budget of 1000000 bytes') });
    expect(body.summary).toMatchObject({ ok: 3, failed: 7, failedByCode: { EBYTEBUDGET: 7 } });
    expect(ctx.upstream.requests).toHaveLength(4);
  });

  it('concurrent: bodies kept stay within the budget, and the items past it fail', async () => {
    const { body } = await getJson(`${ctx.url}/api/posts?ids=1-20&concurrency=8`);
    const results = body.results as Line[];
    const ok = results.filter((r) => r.ok).length;
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(ok).toBeLessThanOrEqual(3);
    expect(body.summary).toMatchObject({ count: 20, failedByCode: { EBYTEBUDGET: 20 - ok } });
    expect(ctx.upstream.requests.length).toBeLessThan(20);
  });

  it('each call has a budget of its own, the stream and compare too', async () => {
    expect((await getJson(`${ctx.url}/api/posts?ids=1-3`)).body).toMatchObject({ summary: { ok: 3 } });
    const lines = (await (await fetch(`${ctx.url}/api/posts/stream?ids=1-5&mode=sequential`)).text()).trim().split('\n');
    expect(JSON.parse(lines[5] ?? '')).toMatchObject({ summary: { ok: 3, failedByCode: { EBYTEBUDGET: 2 } } });
    // compare: one budget for both runs of the call, so the sequential run spends it.
    const { body } = await getJson(`${ctx.url}/api/compare?ids=1-4&concurrency=4`);
    expect(body).toMatchObject({ sequential: { ok: 3, failedByCode: { EBYTEBUDGET: 1 } }, concurrent: { ok: 0, failedByCode: { EBYTEBUDGET: 4 } } });
  });
});
