import { describe, expect, it } from 'vitest';
import { http1, run } from '../http1/run.js';
import { echoH2, useH2Server } from './h2-server.js';

const ctx = useH2Server(echoH2);

describe('HTTP/2: one session per origin', () => {
  it('carries 200 requests at concurrency 64 on one connection', async () => {
    const urls = Array.from({ length: 200 }, (_, i) => `${ctx.server.url}/n/${i}`);
    const results = await run(urls, http1({ tls: { ca: ctx.ca }, connections: 64 }), { concurrency: 64, responseType: 'json' });

    expect(results.map((result) => result.ok && (result.data as { path: string }).path)).toEqual(urls.map((url) => new URL(url).pathname));
    expect(ctx.server.versions).toEqual({ '2.0': 200 });
    expect(ctx.server.sessions).toBe(1);
    expect(ctx.server.connections).toBe(1);
    expect(ctx.server.maxStreamsPerSession).toBeGreaterThan(1);
  });

  it('spellings of one origin share its session', async () => {
    const { url } = ctx.server;
    const port = new URL(url).port;
    const spellings = [`${url}/a`, `HTTPS://127.0.0.1:${port}/b`, `https://127.0.0.1:${port}/c`];
    const results = await run(spellings, http1({ tls: { ca: ctx.ca } }), { concurrency: 3 });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(ctx.server.sessions).toBe(1);
  });
});
