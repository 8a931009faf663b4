import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp({ latency: 10_000 });

describe('a client that disconnects mid-stream', () => {
  it('cancels its upstream requests, and no new ones start', async () => {
    const req = request(`${ctx.url}/api/posts/stream?ids=1-40&concurrency=4`);
    req.on('error', () => undefined);
    req.end();
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(4);

    req.destroy();

    await expect.poll(() => ctx.upstream.stats.aborted, { timeout: 20_000 }).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ctx.upstream.stats.requests).toBe(4);
    expect(ctx.upstream.stats.inFlight).toBe(0);
  });

  it('the same for the JSON endpoint', async () => {
    const req = request(`${ctx.url}/api/posts?ids=1-40&concurrency=3`);
    req.on('error', () => undefined);
    req.end();
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(3);

    req.destroy();

    await expect.poll(() => ctx.upstream.stats.aborted, { timeout: 20_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ctx.upstream.stats.requests).toBe(3);
  });
});
