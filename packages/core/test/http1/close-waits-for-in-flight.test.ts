import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

const held: Socket[] = [];
// /hold is answered when the test lets it go; the rest at once.
const ctx = useRawServer((socket, request) => {
  if (request.target === '/hold') held.push(socket);
  else socket.write(response(`body of ${request.target}`));
});

describe('http1: close() while a request is in flight', () => {
  it('closes idle connections at once, lets the request finish, then closes its connection and resolves', async () => {
    const { url } = ctx.server;
    const transport = http1();
    // Two connections: one left idle, one carrying /hold.
    const warm = await run([`${url}/a`, `${url}/b`], transport, { concurrency: 2 });
    expect(warm).toMatchObject([{ ok: true }, { ok: true }]);
    const inFlight = run([`${url}/hold`], transport);
    await waitFor(() => held.length === 1);

    let closed = false;
    const closing = transport.close().then(() => (closed = true));
    await waitFor(() => ctx.server.closed === 1);
    expect(closed).toBe(false);
    held[0]?.write(response('held body'));

    expect(await inFlight).toMatchObject([{ ok: true, data: 'held body' }]);
    await closing;
    await waitFor(() => ctx.server.open === 0);
    expect(ctx.server.connections).toBe(2);
  });
});
