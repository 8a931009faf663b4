import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { errorOf, http1, runOne } from './run.js';

// The server drops the connection, unanswered, at its second request.
const ctx = useRawServer((socket, request) => {
  if (request.nth >= 2) socket.destroy();
  else socket.write(response('ok'));
});

describe('http1: a POST on a reused connection the server has closed', () => {
  it('is not sent again: it fails with a NetworkError, and the server saw it once', async () => {
    const { url } = ctx.server;
    const transport = http1({ connections: 1 });
    expect(await runOne(`${url}/first`, transport)).toMatchObject({ ok: true });
    const post = await runOne({ url: `${url}/post`, method: 'POST', body: 'payload' }, transport);

    expect(errorOf(post)?.name).toBe('NetworkError');
    expect(['ECONNRESET', 'EPIPE']).toContain(errorOf(post)?.code);
    expect(ctx.server.requests.map((request) => `${request.method} ${request.target}`)).toEqual(['GET /first', 'POST /post']);
  });
});
