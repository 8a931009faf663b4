import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { getJson, useEmbeddedApp } from './app-fixture.js';

const ctx = useEmbeddedApp({ latency: 0 });

describe('latency and failRate shape the embedded demo upstream for the call that gives them', () => {
  it('GET /api/upstream says it is embedded, with its settings', async () => {
    expect((await getJson(`${ctx.url}/api/upstream`)).body).toEqual({ embedded: true, latency: 0, failRate: 0 });
  });

  it('failRate=1 fails every request at the upstream, and each is retried once (counted there)', async () => {
    const { body } = await getJson(`${ctx.url}/api/posts?ids=1-3&failRate=1`);
    const results = body.results as { ok: boolean; attempts: number; error: { code: string } }[];
    expect(results.map((r) => [r.ok, r.attempts, r.error.code])).toEqual(Array.from({ length: 3 }, () => [false, 2, 'EHTTP']));
    expect(ctx.upstream.stats.requests).toBe(6);
    // The call's own setting: the upstream's defaults are as they were.
    expect((await getJson(`${ctx.url}/api/upstream`)).body).toEqual({ embedded: true, latency: 0, failRate: 0 });
  });

  it('latency holds each answer of that call at least that long', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/compare?ids=1,2&concurrency=2&latency=120&failRate=0`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ sequential: { ok: 2 }, concurrent: { ok: 2 } });
    const { body: posts } = await getJson(`${ctx.url}/api/posts?ids=3&latency=120`);
    const [result] = posts.results as { ok: boolean; wireMs: number }[];
    expect(result?.ok).toBe(true);
    expect(result?.wireMs).toBeGreaterThanOrEqual(120);
  });

  it('HEAD with the parameters changes nothing', async () => {
    await new Promise<void>((resolve, reject) => {
      request(`${ctx.url}/api/posts/stream?ids=1&failRate=0.5`, { method: 'HEAD' }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
    });
    expect((await getJson(`${ctx.url}/api/upstream`)).body).toMatchObject({ failRate: 0 });
  });

  it.each([
    ['latency=-1', 'EBADLATENCY'],
    ['latency=5001', 'EBADLATENCY'],
    ['latency=1.5', 'EBADLATENCY'],
    ['failRate=2', 'EBADFAILRATE'],
    ['failRate=-0.1', 'EBADFAILRATE'],
    ['failRate=abc', 'EBADFAILRATE'],
  ])('%s → 400 %s, nothing fetched', async (param, code) => {
    for (const path of ['/api/posts', '/api/posts/stream', '/api/compare', '/api/compare/stream', '/api/sweep', '/api/sweep/stream']) {
      const response = await getJson(`${ctx.url}${path}?ids=1&${param}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code, message: expect.stringContaining(param.split('=')[1] ?? '') } });
    }
    expect(ctx.upstream.stats.requests).toBe(0);
  });
});
