import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

let hint = '';
// The server never closes a connection itself: what the client does with the hint is all there is.
const ctx = useRawServer((socket) => socket.write(response('ok', [`Keep-Alive: ${hint}`])));

describe("http1: the server's Keep-Alive: timeout hint", () => {
  it('timeout=1: a connection is not kept (reused no longer than a second short of the hint), and no request fails', async () => {
    hint = 'timeout=1';
    const { url } = ctx.server;
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], http1({ keepAliveTimeout: 60_000 }), { concurrency: 1 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['ok', 'ok', 'ok']);
    expect(ctx.server.connections).toBe(3);
    expect(ctx.server.requests).toHaveLength(3);
  });

  it('timeout=60, max=5: the connection is reused', async () => {
    hint = 'timeout=60, max=5';
    const { url } = ctx.server;
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], http1(), { concurrency: 1 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['ok', 'ok', 'ok']);
    expect(ctx.server.connections).toBe(1);
  });
});
