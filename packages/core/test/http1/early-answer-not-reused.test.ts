import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http1, run } from './run.js';

let server: Server;
let url = '';
let connections = 0;
const sockets = new Set<Socket>();

// Answers a POST as soon as its head is in (413) and then reads nothing more of it, as a server
// refusing an upload does; answers anything else with `ok`.
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      if (head.startsWith('POST ')) {
        socket.pause();
        socket.write('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n');
      } else {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      }
      head = head.slice(end + 4);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('http1: a response that comes before the request body is all written', () => {
  it('leaves the connection unused after it: the next request gets a new one and is answered', { timeout: 60_000 }, async () => {
    // Far more than the socket buffers hold: most of it is still unsent when the 413 arrives.
    const body = new Uint8Array(64 * 1024 * 1024);
    const transport = http1({ connections: 1 });
    const results = await run([{ url: `${url}/upload`, method: 'POST', body }, `${url}/after`], transport, { concurrency: 1, timeout: 20_000 });

    expect(results[0]).toMatchObject({ ok: false, error: { name: 'HttpError', status: 413 } });
    expect(results[1]).toMatchObject({ ok: true, data: 'ok' });
    expect(connections).toBe(2);
  });
});
