import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { waitFor } from '../held-server.js';
import { collect } from '../helpers.js';
import { TRANSPORTS, transportFor } from './fault-helpers.js';

let server: Server;
let url: string;
let connections = 0;
let closed = 0;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  server.keepAliveTimeout = 50;
  server.on('connection', (socket) => {
    connections++;
    socket.on('close', () => closed++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe.each(TRANSPORTS)('fault: the server closes an idle keep-alive socket between requests (%s)', (transport) => {
  it('the next request opens a new connection and succeeds', async () => {
    const shared = transportFor(transport);
    connections = 0;
    closed = 0;
    const first = await collect(fanout([url], { transport: shared, retry: 0 }));
    // The server closes the idle socket after its keep-alive timeout: wait for that, however long it takes.
    await waitFor(() => closed === 1);
    const second = await collect(fanout([url], { transport: shared, retry: 0 }));

    expect(first[0]?.ok).toBe(true);
    expect(second[0]).toMatchObject({ ok: true, attempts: 1 });
    expect(connections).toBe(2);
  });
});
