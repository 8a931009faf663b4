import { describe, expect, it } from 'vitest';
import { getJson, useApp } from './app-fixture.js';

const ctx = useApp({ latency: 20 });

interface Result { index: number; ok: boolean; status?: number; url: string; data?: { title?: string }; error?: { code: string } }

describe('GET /api/posts', () => {
  it('returns the results in input order with titles, and a summary', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1,2,3`);
    const results = body.results as Result[];
    expect(status).toBe(200);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(results[0]?.data?.title).toBe('sunt aut facere repellat provident occaecati excepturi optio reprehenderit');
    expect(results.every((r) => r.ok && r.url.startsWith(ctx.upstream.url))).toBe(true);
    expect(body.summary).toMatchObject({ count: 3, ok: 3, failed: 0 });
  });

  it('a failed upstream request is a result with ok:false, never a 500 for the whole call', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1,101`);
    const results = body.results as Result[];
    expect(status).toBe(200);
    expect(results[1]).toMatchObject({ ok: false, status: 404, error: { code: 'EHTTP' } });
    expect(body.summary).toMatchObject({ count: 2, ok: 1, failed: 1 });
  });

  it('fetches only from its upstream: the ids become upstream post URLs', async () => {
    await getJson(`${ctx.url}/api/posts?ids=7`);
    expect([...ctx.upstream.stats.byPath.keys()]).toEqual(['/posts/7']);
  });
});

describe('GET /api/compare, /healthz, /metrics', () => {
  it('compare gives both summaries and the speedup', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/compare?ids=1-4&concurrency=4`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ concurrency: 4, sequential: { count: 4, ok: 4 }, concurrent: { count: 4, ok: 4 } });
    const sequential = body.sequential as { wallMs: number };
    const concurrent = body.concurrent as { wallMs: number };
    expect(body.speedup).toBeCloseTo(sequential.wallMs / concurrent.wallMs, 1);
    expect(body.speedup).toBeLessThanOrEqual(body.idealSpeedup as number);
  });

  it('healthz says ok and names the upstream', async () => {
    expect(await getJson(`${ctx.url}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok', upstream: ctx.upstream.url } });
  });

  it('metrics are Prometheus text: requests by route and status, upstream latency, in flight', async () => {
    await getJson(`${ctx.url}/api/posts?ids=1,2`);
    await getJson(`${ctx.url}/api/posts?ids=x`);
    const response = await fetch(`${ctx.url}/metrics`);
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/http_requests_total\{route="\/api\/posts",method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/http_requests_total\{route="\/api\/posts",method="GET",status="400"\} [1-9]/);
    expect(text).toMatch(/upstream_request_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toContain('upstream_requests_in_flight 0');
  });
});
