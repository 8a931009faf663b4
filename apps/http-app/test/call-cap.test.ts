import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getJson, useApp } from './app-fixture.js';
import { metric } from './metrics-text.js';
import { neverReadingClient, serverSockets } from './never-reading-client.js';
import { rawRequest } from './raw-http.js';

// Each upstream answer takes 5 s (latency=5000 is the call's own), so calls that ask for it stay
// open while the test looks; calls that do not are answered at once.
const ctx = useApp({ latency: 0 }, { maxCalls: 3, maxCallsPerClient: 2, embeddedUpstream: { defaults: { latency: 0, failRate: 0 } } });
const HELD = '/api/posts/stream?ids=1-4&concurrency=4&latency=5000';

let serverSide: (client: Socket) => Socket | undefined;
beforeAll(() => {
  serverSide = serverSockets(ctx.app.server);
});
const clients: Socket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(0);
});

async function hold(localAddress: string): Promise<void> {
  const before = await metric(ctx.url, 'http_calls_open');
  clients.push(await neverReadingClient(ctx.url, HELD, localAddress));
  await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(before + 1);
}

function getFrom(localAddress: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${ctx.url}${path}`, { localAddress }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('API calls running at once are capped (MAX_CALLS), and per client (MAX_CALLS_PER_CLIENT)', () => {
  it('a client past its share gets 503 EBUSY with Retry-After; another client still gets in; past the cap everyone gets 503', async () => {
    await hold('127.0.0.1');
    await hold('127.0.0.1');
    const refused = await getFrom('127.0.0.1', '/api/posts/stream?ids=1');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body)).toEqual({ error: { code: 'EBUSY', message: expect.stringContaining('MAX_CALLS_PER_CLIENT') } });

    // Another client: the last slot is free for it.
    const other = await getFrom('127.0.0.2', '/api/posts?ids=1-3');
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body)).toMatchObject({ summary: { ok: 3 } });

    await hold('127.0.0.2');
    for (const path of ['/api/posts?ids=1', '/api/compare?ids=1', '/api/sweep?ids=1', '/api/compare/stream?ids=1', '/api/sweep/stream?ids=1']) {
      const full = await getFrom('127.0.0.3', path);
      expect(full.status).toBe(503);
      expect(JSON.parse(full.body)).toEqual({ error: { code: 'EBUSY', message: expect.stringContaining('MAX_CALLS') } });
    }
    // What runs no call is still answered: health, the page, HEAD of a call.
    expect((await getJson(`${ctx.url}/healthz`)).status).toBe(200);
    expect((await fetch(ctx.url)).status).toBe(200);
    expect((await rawRequest(ctx.url, `HEAD ${HELD} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`)).status).toBe(200);
    expect(await metric(ctx.url, 'http_calls_open')).toBe(3);
  });

  it('a slot is free again once its client goes away, and the call it held is cancelled', async () => {
    await hold('127.0.0.1');
    await hold('127.0.0.1');
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(8);
    for (const client of clients.splice(0)) client.destroy();
    await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => ctx.upstream.stats.inFlight, { timeout: 20_000 }).toBe(0);
    expect((await getFrom('127.0.0.1', '/api/posts?ids=1')).status).toBe(200);
  });

  it('300 clients that never read: at most MAX_CALLS run, the rest are refused and closed; a healthy visitor and /healthz are answered meanwhile', async () => {
    const flood = await Promise.all(Array.from({ length: 300 }, () => neverReadingClient(ctx.url, HELD, '127.0.0.1')));
    clients.push(...flood);
    await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(2);
    expect((await getJson(`${ctx.url}/healthz`)).status).toBe(200);
    const visitor = await getFrom('127.0.0.2', '/api/posts?ids=1-10');
    expect(JSON.parse(visitor.body)).toMatchObject({ summary: { count: 10, ok: 10 } });
    // The refused ones' connections are closed by the app: only the 2 held calls' connections stay.
    await expect.poll(() => flood.filter((client) => serverSide(client)?.destroyed !== true).length, { timeout: 20_000 }).toBe(2);
    expect(await metric(ctx.url, 'http_calls_open')).toBe(2);
  });
});
