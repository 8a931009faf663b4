import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { response, useRawServer } from './raw-server.js';
import { http1, run, runOne } from './run.js';

// /hold gets its head and part of its body, then nothing: only an abort ends it.
const ctx = useRawServer((socket, request) => {
  if (request.target === '/hold') socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nthe first few bytes');
  else socket.write(response(`body of ${request.target}`));
});

describe('http1: a request aborted while its response is coming', () => {
  it('fails with AbortError, its socket is closed, and the pool (one connection) serves the next request', async () => {
    const { url } = ctx.server;
    const transport = http1({ connections: 1 });
    const controller = new AbortController();
    const pending = run([`${url}/hold`], transport, { signal: controller.signal });
    await waitFor(() => ctx.server.requests.length === 1);
    controller.abort();
    const [aborted] = await pending;

    expect(aborted).toMatchObject({ ok: false, error: { name: 'AbortError' } });
    await waitFor(() => ctx.server.closed === 1);
    expect(await runOne(`${url}/next`, transport)).toMatchObject({ ok: true, data: 'body of /next' });
    expect(ctx.server.connections).toBe(2);
  });
});
