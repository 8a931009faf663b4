import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { http1, runOne } from '../http1/run.js';
import { useH2Server } from './h2-server.js';

const ctx = useH2Server((_req, res) => res.end('fine'));

describe('HTTP/2: a session the server closed while it was idle', () => {
  it.each([
    ['destroyed (the socket closed)', (session: import('node:http2').Http2Session) => session.destroy()],
    ['closed with GOAWAY', (session: import('node:http2').Http2Session) => session.close()],
  ])('%s: the next request opens a new session', async (_name, end) => {
    const transport = http1({ tls: { ca: ctx.ca } });
    expect(await runOne(`${ctx.server.url}/1`, transport)).toMatchObject({ ok: true, data: 'fine' });
    for (const session of ctx.server.liveSessions) end(session);
    await waitFor(() => ctx.server.liveSessions.size === 0);

    expect(await runOne(`${ctx.server.url}/2`, transport)).toMatchObject({ ok: true, data: 'fine', attempts: 1 });
    expect(ctx.server.sessions).toBe(2);
  });
});
