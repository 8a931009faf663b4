import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run, runOne } from './run.js';

let dropFrom = 2;
// The server drops the connection, unanswered, at its `dropFrom`-th request: as a server does
// that closes an idle keep-alive socket just as the client sends on it.
const ctx = useRawServer((socket, request) => {
  if (request.nth >= dropFrom) socket.destroy();
  else socket.write(response(`body of ${request.target}`));
});

describe('http1: an idempotent request on a reused connection the server has closed', () => {
  it('is sent once more on a new connection and succeeds', async () => {
    dropFrom = 2;
    const { url } = ctx.server;
    const transport = http1({ connections: 1 });
    expect(await runOne(`${url}/first`, transport)).toMatchObject({ ok: true });
    const second = await runOne(`${url}/second`, transport);

    expect(second).toMatchObject({ ok: true, data: 'body of /second', attempts: 1 });
    expect(ctx.server.requests.map((request) => `${request.target} #${request.connection}.${request.nth}`)).toEqual(['/first #1.1', '/second #1.2', '/second #2.1']);
  });

  it('two stale connections at once: each request is replayed on a fresh connection of its own', async () => {
    dropFrom = 2;
    const { url } = ctx.server;
    const transport = http1({ connections: 2 });
    // Two connections, both reused once; the server drops each at its second request.
    expect(await run([`${url}/a`, `${url}/b`], transport, { concurrency: 2 })).toMatchObject([{ ok: true }, { ok: true }]);
    expect(ctx.server.connections).toBe(2);
    const results = await run([`${url}/c`, `${url}/d`], transport, { concurrency: 2 });

    // Each lands on a stale socket and is replayed on a fresh one, which answers: none fails.
    expect(results).toMatchObject([{ ok: true }, { ok: true }]);
    expect(ctx.server.requests).toHaveLength(6);
  });

  it('is not replayed when it failed on a connection of its own (the server saw it once)', async () => {
    dropFrom = 1;
    const { url } = ctx.server;
    const result = await runOne(`${url}/fresh`, http1());

    expect(result).toMatchObject({ ok: false, error: { name: 'NetworkError' } });
    expect(ctx.server.requests).toHaveLength(1);
  });
});
