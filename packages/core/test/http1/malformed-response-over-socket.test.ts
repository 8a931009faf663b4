import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { response, useRawServer } from './raw-server.js';
import { errorOf, http1, run } from './run.js';

let bad = '';
// /bad gets the malformed bytes and the connection stays open: only the parser can end it.
const ctx = useRawServer((socket, request) => socket.write(request.target === '/bad' ? bad : response(`body of ${request.target}`)));

describe('http1: a malformed response on a connection the server keeps open', () => {
  it.each([
    ['a web page instead of a status line', '<!doctype html><html>', 'EPROTO'],
    ['lines ending in LF only', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok', 'EPROTO'],
    ['a folded header', 'HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 2\r\n\r\nok', 'EPROTO'],
    ['conflicting Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok', 'EPROTO'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n', 'EPROTO'],
    ['headers that never end, over 16 KiB', `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(20_000)}`, 'EHEADERSOVERFLOW'],
  ])('%s: fails at once with NetworkError %s; its neighbours succeed', async (_name, bytes, code) => {
    bad = bytes;
    const { url } = ctx.server;
    const transport = http1();
    const results = await run([`${url}/one`, `${url}/bad`, `${url}/two`], transport, { concurrency: 3 });

    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code });
    expect(results[0]).toMatchObject({ ok: true, data: 'body of /one' });
    expect(results[2]).toMatchObject({ ok: true, data: 'body of /two' });
    // The broken connection is closed by the client, never reused; the others are.
    await waitFor(() => ctx.server.closed === 1);
    expect(await run([`${url}/a`, `${url}/b`, `${url}/c`], transport, { concurrency: 3 })).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
    const badConnection = ctx.server.requests.find((request) => request.target === '/bad')?.connection;
    expect(ctx.server.requests.filter((request) => request.connection === badConnection)).toHaveLength(1);
  });
});
