import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp();

function head(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; bodyBytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'HEAD', headers }, (res) => {
      let bodyBytes = 0;
      res.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bodyBytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HEAD answers with headers only and never runs the fan-out', () => {
  it.each([
    ['/api/posts?ids=1-100', 'application/json; charset=utf-8'],
    ['/api/posts/stream?ids=1-100', 'application/x-ndjson; charset=utf-8'],
    ['/api/compare?ids=1-100', 'application/json; charset=utf-8'],
    ['/api/compare/stream?ids=1-100', 'application/x-ndjson; charset=utf-8'],
    ['/api/sweep?ids=1-100&concurrency=32', 'application/json; charset=utf-8'],
    ['/api/sweep/stream?ids=1-100&concurrency=32', 'application/x-ndjson; charset=utf-8'],
  ])('HEAD %s', async (path, type) => {
    const response = await head(ctx.url + path);
    expect(response).toMatchObject({ status: 200, bodyBytes: 0, headers: { 'content-type': type } });
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('the stream negotiates its type for HEAD as for GET', async () => {
    const response = await head(`${ctx.url}/api/posts/stream?ids=1`, { accept: 'text/event-stream' });
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('bad input is still a 4xx for HEAD', async () => {
    expect((await head(`${ctx.url}/api/posts?ids=abc`)).status).toBe(400);
  });

  it('the page and health answer HEAD with their GET headers', async () => {
    const page = await head(`${ctx.url}/`);
    expect(page).toMatchObject({ status: 200, bodyBytes: 0, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(Number(page.headers['content-length'])).toBeGreaterThan(0);
    expect((await head(`${ctx.url}/healthz`)).status).toBe(200);
    expect(await head(`${ctx.url}/favicon.svg`)).toMatchObject({ status: 200, bodyBytes: 0, headers: { 'content-type': 'image/svg+xml' } });
  });
});
