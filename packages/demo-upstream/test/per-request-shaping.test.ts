import { afterEach, describe, expect, it } from 'vitest';
import { shapingHeaders, startDemoUpstream, type DemoUpstream } from '../src/index.js';

let upstream: DemoUpstream | undefined;
afterEach(() => upstream?.close());

async function status(path: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${upstream?.url}${path}`, { headers });
  await response.arrayBuffer();
  return response.status;
}

describe('a request’s own latency and failure rate (x-demo-latency, x-demo-fail-rate)', () => {
  it('x-demo-fail-rate: 1 fails that request only; the ones without it still succeed', async () => {
    upstream = await startDemoUpstream();
    const failing = shapingHeaders({ failRate: 1 });
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => status(`/posts/${i + 1}`, i % 2 === 0 ? failing : {})));
    expect(statuses).toEqual([500, 200, 500, 200, 500, 200, 500, 200, 500, 200]);
  });

  it('x-demo-fail-rate: 0 keeps a request from the server’s own failure rate', async () => {
    upstream = await startDemoUpstream({ failRate: 1 });
    expect(await status('/posts/1', shapingHeaders({ failRate: 0 }))).toBe(200);
    expect(await status('/posts/1')).toBe(500);
  });

  it('x-demo-latency holds that request; one without it is answered while the held one waits', async () => {
    upstream = await startDemoUpstream();
    const held = fetch(`${upstream.url}/posts/1`, { headers: shapingHeaders({ latency: 20_000 }) });
    held.catch(() => undefined);
    await expect.poll(() => upstream?.stats.inFlight).toBe(1);
    expect(await status('/posts/2')).toBe(200);
    expect(upstream.stats).toMatchObject({ completed: 1, inFlight: 1 });
  });

  it.each([
    ['x-demo-latency', '-1'],
    ['x-demo-latency', '60001'],
    ['x-demo-latency', '1e3'],
    ['x-demo-fail-rate', '2'],
    ['x-demo-fail-rate', 'NaN'],
  ])('%s: %s is a 400 that names the header', async (name, value) => {
    upstream = await startDemoUpstream();
    const response = await fetch(`${upstream.url}/posts/1`, { headers: { [name]: value } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(name);
  });
});
