import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

// Each response says nothing of closing, then the server closes its side (FIN): the client
// learns it only after it may already have sent the next request on that socket.
const ctx = useRawServer((socket, request) => {
  if (!socket.writableEnded) socket.end(response(`body of ${request.target}`));
});

describe('http1: the server closes the connection right after a response that allowed reuse', () => {
  it('a GET queued behind it, sent on the closing socket, is sent again on a new connection and succeeds', async () => {
    const { url } = ctx.server;
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], http1({ connections: 1 }), { concurrency: 3 });

    expect(results).toMatchObject([
      { ok: true, data: 'body of /1', attempts: 1 },
      { ok: true, data: 'body of /2', attempts: 1 },
      { ok: true, data: 'body of /3', attempts: 1 },
    ]);
    expect(ctx.server.connections).toBe(3);
  });

  it('a POST queued behind it is not sent again: it fails with ECONNRESET', async () => {
    const { url } = ctx.server;
    const results = await run([`${url}/1`, { url: `${url}/2`, method: 'POST', body: 'once' }], http1({ connections: 1 }), { concurrency: 2 });

    expect(results[0]).toMatchObject({ ok: true, data: 'body of /1' });
    expect(results[1]).toMatchObject({ ok: false, error: { name: 'NetworkError', code: 'ECONNRESET' } });
    expect(ctx.server.connections).toBe(1);
  });
});
