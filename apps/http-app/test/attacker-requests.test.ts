import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useEmbeddedApp } from './app-fixture.js';
import { metric } from './metrics-text.js';
import { rawExchange, rawRequest } from './raw-http.js';

const ctx = useEmbeddedApp({ latency: 0 });
const ROUTES = ['/', '/app.js', '/healthz', '/metrics', '/api/upstream', '/api/posts?ids=1', '/api/posts/stream?ids=1', '/api/compare?ids=1', '/api/compare/stream?ids=1', '/api/sweep?ids=1', '/api/sweep/stream?ids=1'];

function jsonError(raw: string): { status: number; code: string } {
  const response = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };
  return { status: Number(raw.slice(9, 12)), code: response.error.code };
}

describe('what an attacker sends gets a 4xx JSON answer, never a 5xx, a hang or a silent close', () => {
  it('two Host headers: 400 EBADHOST (RFC 9112 §3.2), not the first one taken', async () => {
    const raw = await rawExchange(ctx.url, 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n');
    expect(jsonError(raw)).toEqual({ status: 400, code: 'EBADHOST' });
  });

  it('CONNECT: 405 EMETHOD with Allow (Node alone closes without a word)', async () => {
    const raw = await rawExchange(ctx.url, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(jsonError(raw)).toEqual({ status: 405, code: 'EMETHOD' });
    expect(raw.toLowerCase()).toContain('\r\nallow: get, head\r\n');
  });

  it('HEAD and OPTIONS on every route: a 2xx or a 4xx, never a 5xx', async () => {
    for (const route of ROUTES) {
      for (const method of ['HEAD', 'OPTIONS', 'DELETE', 'PATCH']) {
        const response = await rawRequest(ctx.url, `${method} ${route} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
        expect(response.status, `${method} ${route}`).toBeLessThan(500);
      }
    }
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('pipelined requests are all answered, in order, on one connection', async () => {
    const pipelined = [...Array.from({ length: 20 }, () => 'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n'), ...Array.from({ length: 3 }, (_, i) => `GET /api/posts?ids=${i + 1} HTTP/1.1\r\nHost: a\r\n\r\n`), 'GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'];
    const raw = await rawExchange(ctx.url, pipelined.join(''));
    const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]);
    expect(statuses).toEqual(Array.from({ length: 24 }, () => '200'));
    expect([...raw.matchAll(/"url":"[^"]*\/posts\/(\d+)"/g)].map((match) => match[1])).toEqual(['1', '2', '3']);
  });

  it('a client that aborts a sweep stream mid-way cancels it: no call stays open, no upstream request stays in flight', async () => {
    const req = request(`${ctx.url}/api/sweep/stream?ids=1-4&concurrency=2&latency=2000`);
    req.on('error', () => undefined);
    req.end();
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(1);
    req.destroy();
    await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(0);
    expect(ctx.upstream.stats.requests).toBe(1);
  });
});
