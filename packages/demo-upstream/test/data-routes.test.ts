import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoUpstream, type DemoUpstream } from '../src/index.js';

let upstream: DemoUpstream;
beforeAll(async () => {
  upstream = await startDemoUpstream();
});
afterAll(() => upstream.close());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(upstream.url + path);
  return { status: response.status, body: await response.json() };
}

describe('demo upstream data routes (jsonplaceholder-compatible)', () => {
  it('serves the real post 1', async () => {
    expect(await get('/posts/1')).toMatchObject({
      status: 200,
      body: { id: 1, userId: 1, title: 'sunt aut facere repellat provident occaecati excepturi optio reprehenderit' },
    });
  });

  it('lists, filters and nests like jsonplaceholder', async () => {
    expect(((await get('/posts')).body as unknown[]).length).toBe(100);
    expect(((await get('/posts?userId=2')).body as { userId: number }[]).every((p) => p.userId === 2)).toBe(true);
    expect(((await get('/posts/1/comments')).body as { postId: number }[]).map((c) => c.postId)).toEqual([1, 1, 1, 1, 1]);
    expect(((await get('/todos')).body as unknown[]).length).toBe(200);
    expect((await get('/users/10')).body).toMatchObject({ id: 10 });
  });

  it('answers 404 {} for unknown ids and paths', async () => {
    expect(await get('/posts/101')).toEqual({ status: 404, body: {} });
    expect(await get('/nothing')).toEqual({ status: 404, body: {} });
  });

  it('reports its URL on loopback and counts requests per path', async () => {
    upstream.resetStats();
    await get('/posts/2');
    expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(upstream.stats.requests).toBe(1);
    expect(upstream.stats.byPath.get('/posts/2')).toBe(1);
  });
});
