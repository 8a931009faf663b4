import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { getJson, useEmbeddedApp } from './app-fixture.js';

const ctx = useEmbeddedApp({ latency: 0 });

interface Result {
  readonly ok: boolean;
  readonly attempts: number;
}

describe('one visitor’s latency and failRate shape that visitor’s call only', () => {
  it('two calls at once: the one with failRate=1 fails, the other’s results are all ok at the first attempt', async () => {
    const [shaped, plain] = await Promise.all([getJson(`${ctx.url}/api/posts?ids=1-10&concurrency=10&latency=300&failRate=1`), getJson(`${ctx.url}/api/posts?ids=11-20&concurrency=10`)]);
    const shapedResults = shaped.body.results as Result[];
    const plainResults = plain.body.results as Result[];
    expect(shapedResults.map((r) => [r.ok, r.attempts])).toEqual(Array.from({ length: 10 }, () => [false, 2]));
    expect(plainResults.map((r) => [r.ok, r.attempts])).toEqual(Array.from({ length: 10 }, () => [true, 1]));
    // 10 inputs tried twice, 10 once: nothing else reached the upstream.
    expect(ctx.upstream.stats.requests).toBe(30);
  });

  it('a call held by latency=5000 does not hold another call: it is answered while the first one’s requests still wait', async () => {
    const held = request(`${ctx.url}/api/posts/stream?ids=1-8&concurrency=8&latency=5000&failRate=1`);
    held.on('error', () => undefined);
    held.end();
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(8);

    const { body } = await getJson(`${ctx.url}/api/compare?ids=1-6&concurrency=3`);

    expect(body).toMatchObject({ sequential: { count: 6, ok: 6, failed: 0 }, concurrent: { count: 6, ok: 6, failed: 0 } });
    // The held call's 8 requests are still waiting at the upstream: the compare did not wait for them.
    expect(ctx.upstream.stats.inFlight).toBe(8);
    expect(ctx.upstream.stats.completed).toBe(12);
    held.destroy();
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(0);
  });

  it('GET /api/upstream keeps giving the defaults, whatever calls asked for', async () => {
    await getJson(`${ctx.url}/api/posts?ids=1&latency=10&failRate=1`);
    expect((await getJson(`${ctx.url}/api/upstream`)).body).toEqual({ embedded: true, latency: 0, failRate: 0 });
  });
});
