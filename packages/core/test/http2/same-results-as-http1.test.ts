import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../src/index.js';
import { http1, run } from '../http1/run.js';
import { useH2Server } from './h2-server.js';
import { transportRequest } from './transport-request.js';

const ctx = useH2Server((req, res, body) => {
  const url = req.url;
  if (url === '/gzip') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ zipped: true })));
    return;
  }
  if (url === '/br') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-encoding': 'br' });
    res.end(brotliCompressSync('brotli ✓'));
    return;
  }
  if (url === '/missing') {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such thing');
    return;
  }
  if (url === '/cookies') {
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.setHeader('x-list', ['one', 'two']);
    res.end('cookies');
    return;
  }
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith(':') && name !== 'host'));
  res.writeHead(200, { 'content-type': 'application/json', 'x-reply': 'yes' });
  res.end(req.method === 'HEAD' ? '' : JSON.stringify({ method: req.method, path: url, headers, body: body.toString('utf8') }));
});

const inputs = (url: string): RequestInput[] => [
  `${url}/plain?q=1`,
  { url: `${url}/post`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: 'wörld' }) },
  { url: `${url}/put`, method: 'PUT', headers: { 'X-Custom': 'v', Connection: 'keep-alive' }, body: 'text body' },
  { url: `${url}/head`, method: 'HEAD' },
  `${url}/gzip`,
  `${url}/br`,
  `${url}/missing`,
  `${url}/cookies`,
  { url: `${url}/empty-post`, method: 'POST' },
  { url: `${url}/bytes`, method: 'PUT', body: new Uint8Array([104, 105]) },
];

/** Headers without those the server sets by version (the date, how the body was framed). */
function withoutFraming(headers: Record<string, string>): Record<string, string> {
  const varying = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !varying.has(name)));
}

/** A result without what differs by nature between two runs (timings, the date, how the server framed the body). */
function comparable(result: unknown): unknown {
  const { timing, ...rest } = result as Record<string, unknown>;
  void timing;
  const error = rest.error as { headers?: Record<string, string> } | undefined;
  if (error?.headers !== undefined) {
    rest.error = { ...error, headers: withoutFraming(error.headers) };
  }
  return rest;
}

describe('HTTP/2 on the default transport', () => {
  it('gives the same results as HTTP/1.1 to the same server: data, statuses, errors, response headers, decoded bodies', async () => {
    const { url } = ctx.server;
    const options = { responseType: 'auto' } as const;
    const overH2 = await run(inputs(url), http1({ tls: { ca: ctx.ca } }), options);
    expect(ctx.server.versions).toEqual({ '2.0': inputs(url).length });
    ctx.server.reset();
    const overHttp1 = await run(inputs(url), http1({ tls: { ca: ctx.ca }, httpVersion: '1.1' }), options);
    expect(ctx.server.versions).toEqual({ '1.1': inputs(url).length });

    expect(overH2.map(comparable)).toEqual(overHttp1.map(comparable));
    expect(overH2[0]).toMatchObject({ ok: true, status: 200, data: { method: 'GET', path: '/plain?q=1' } });
    expect(overH2[4]).toMatchObject({ ok: true, data: { zipped: true } });
    expect(overH2[5]).toMatchObject({ ok: true, data: 'brotli ✓' });
    expect(overH2[6]).toMatchObject({ ok: false, error: { name: 'HttpError', status: 404 } });
  });

  it('gives the response headers as HTTP/1.1 does (lower-case names, repeated ones joined)', async () => {
    const { url } = ctx.server;
    const headersOver = async (httpVersion: '1.1' | 'auto') => {
      const response = await http1({ tls: { ca: ctx.ca }, httpVersion }).send(transportRequest(`${url}/cookies`).request);
      return { status: response.status, body: response.body, headers: withoutFraming(response.headers()), cookie: response.header('set-cookie') };
    };
    const overH2 = await headersOver('auto');
    expect(overH2).toEqual(await headersOver('1.1'));
    expect(overH2).toMatchObject({ status: 200, body: 'cookies', cookie: 'a=1, b=2', headers: { 'x-list': 'one, two' } });
    expect(ctx.server.versions).toEqual({ '2.0': 1, '1.1': 1 });
  });
});
