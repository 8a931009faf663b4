import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';
import { postId, sendPost } from './test-upstream.js';

// Posts 1-10 are about 300 KB, the others about 50 KB. One call may read 1,000,000 bytes.
const BIG = 300_000;
const SMALL = 50_000;
const ctx = useAppOn((req, res) => sendPost(res, postId(req), postId(req) <= 10 ? BIG : SMALL), { byteBudget: 1_000_000 });

interface Line { index: number; ok: boolean; error?: { name: string; code: string; message: string } }

describe('one API call reads at most its byte budget from the upstream, in flight and kept', () => {
  it('sequential: three big posts fit, the fourth is cut at what was left, the rest are never sent', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1-10&mode=sequential`);
    const results = body.results as Line[];
    expect(status).toBe(200);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false, false, false, false, false, false]);
    expect(results[3]?.error).toEqual({ name: 'ByteBudgetError', code: 'EBYTEBUDGET', message: expect.stringContaining('budget of 1000000 bytes') });
    expect(body.summary).toMatchObject({ ok: 3, failed: 7, failedByCode: { EBYTEBUDGET: 7 } });
    expect(ctx.upstream.requests).toHaveLength(4);
  });

  it('concurrent: the bodies read stay within the budget, and the items past it fail', async () => {
    const { body } = await getJson(`${ctx.url}/api/posts?ids=11-40&concurrency=8`);
    const ok = (body.results as Line[]).filter((r) => r.ok).length;
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(ok * SMALL).toBeLessThanOrEqual(1_000_000);
    expect(body.summary).toMatchObject({ count: 30, failedByCode: { EBYTEBUDGET: 30 - ok } });
    expect(ctx.upstream.requests.length).toBeLessThan(30);
  });

  it('concurrent: each request in flight may read only its share, so big bodies fail together', async () => {
    const { body } = await getJson(`${ctx.url}/api/posts?ids=1-5&concurrency=5`);
    const results = body.results as Line[];
    expect(results.every((r) => r.error?.code === 'EBYTEBUDGET')).toBe(true);
    expect(results[0]?.error?.message).toMatch(/passed its share \(\d+ bytes\) of the call's upstream byte budget of 1000000 bytes/);
  });

  it('each call has a budget of its own, the stream and compare too', async () => {
    expect((await getJson(`${ctx.url}/api/posts?ids=1-3&mode=sequential`)).body).toMatchObject({ summary: { ok: 3 } });
    const lines = (await (await fetch(`${ctx.url}/api/posts/stream?ids=1-5&mode=sequential`)).text()).trim().split('\n');
    expect(JSON.parse(lines[5] ?? '')).toMatchObject({ summary: { ok: 3, failedByCode: { EBYTEBUDGET: 2 } } });
    // compare: one budget for both runs of the call.
    const { body } = await getJson(`${ctx.url}/api/compare?ids=11-30&concurrency=4`);
    const { sequential, concurrent } = body as { sequential: { ok: number }; concurrent: { ok: number; failedByCode: Record<string, number> } };
    expect((sequential.ok + concurrent.ok) * SMALL).toBeLessThanOrEqual(1_000_000);
    expect(concurrent.failedByCode.EBYTEBUDGET).toBeGreaterThan(0);
  });
});
