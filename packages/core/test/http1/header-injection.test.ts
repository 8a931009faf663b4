import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { errorOf, http1, runOne } from './run.js';

const ctx = useRawServer((socket) => socket.write(response('ok')));

describe('http1: a request header that would inject a line', () => {
  it.each([
    ['CR LF in a value', { 'x-note': 'a\r\nX-Injected: 1' }],
    ['a bare LF in a value', { 'x-note': 'a\nX-Injected: 1' }],
    ['a bare CR in a value', { 'x-note': 'a\rX-Injected: 1' }],
    ['CR LF in a name', { 'x-a\r\nX-Injected': '1' }],
    ['CR LF in Host', { host: 'example.test\r\nX-Injected: 1' }],
    ['a NUL in a value', { 'x-note': 'a\u0000b' }],
    ['a character beyond latin1', { 'x-note': 'a\u2028b' }],
  ])('%s: the request fails with a typed error and no byte of it reaches the server', async (_name, headers) => {
    const { url } = ctx.server;
    const transport = http1();
    const result = await runOne({ url: `${url}/injected`, headers }, transport);

    expect(errorOf(result)).toEqual({ name: 'NetworkError', code: 'ERR_INVALID_CHAR' });
    // Refused before any attempt: the core checks headers for every transport.
    expect(result.attempts).toBe(0);
    expect(ctx.server.connections).toBe(0);
    // The transport goes on with good requests, and nothing injected ever went out.
    expect(await runOne({ url: `${url}/good`, headers: { 'x-note': 'fine' } }, transport)).toMatchObject({ ok: true, data: 'ok' });
    expect(ctx.server.requests).toHaveLength(1);
    expect(ctx.server.received).not.toMatch(/injected/i);
  });

  it('http1 refuses such a header on its own too, when a caller sends through the transport directly', async () => {
    const transport = http1();
    const signal = new AbortController().signal;
    const request = {
      url: `${ctx.server.url}/direct`,
      method: 'GET' as const,
      headers: { 'x-note': 'a\r\nX-Injected: 1' },
      signal,
      onAbort: () => () => undefined,
      maxBodyBytes: 1024,
      followRedirects: false,
    };
    await expect(transport.send(request)).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(ctx.server.connections).toBe(0);
  });
});
