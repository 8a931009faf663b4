import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { response, useRawServer } from './raw-server.js';
import { http1, runOne } from './run.js';

// The first request on a connection is answered, then, once the response is out, a second
// response nobody asked for follows on the now idle connection.
const ctx = useRawServer((socket, request) => {
  socket.write(response(`body of ${request.target}`), () => setImmediate(() => socket.write(response('unsolicited'))));
});

describe('http1: bytes on an idle connection', () => {
  it('drop that connection (never read as the next response), with no crash; the next request opens a new one', async () => {
    const { url } = ctx.server;
    const transport = http1({ connections: 1 });
    expect(await runOne(`${url}/first`, transport)).toMatchObject({ ok: true, data: 'body of /first' });
    // The client closes the connection when the stray bytes arrive.
    await waitFor(() => ctx.server.closed === 1);
    const second = await runOne(`${url}/second`, transport);

    expect(second).toMatchObject({ ok: true, data: 'body of /second' });
    expect(ctx.server.connections).toBe(2);
  });
});
