import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { response, useRawServer } from './raw-server.js';
import { http1, runOne } from './run.js';

// The server would keep every connection open for ever.
const ctx = useRawServer((socket, request) => socket.write(response(`body of ${request.target}`)));

describe('http1: an idle keep-alive connection past keepAliveTimeout', () => {
  it('is closed by the client, and the next request to the origin opens a new one', async () => {
    const { url } = ctx.server;
    const transport = http1({ keepAliveTimeout: 100 });
    expect(await runOne(`${url}/first`, transport)).toMatchObject({ ok: true });
    await waitFor(() => ctx.server.closed === 1);
    const second = await runOne(`${url}/second`, transport);

    expect(second).toMatchObject({ ok: true, data: 'body of /second' });
    expect(ctx.server.connections).toBe(2);
  });
});
