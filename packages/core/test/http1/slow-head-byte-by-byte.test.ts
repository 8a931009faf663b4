import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: one byte at a time\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nX-Trailer: z\r\n\r\n';

/** Writes `text` one byte per write, each after the previous one is flushed and a macrotask has passed. */
function dribble(socket: Socket, text: string, at = 0): void {
  if (at === text.length || socket.destroyed) return;
  socket.write(text[at] as string, () => setTimeout(() => dribble(socket, text, at + 1), 1));
}

const ctx = useRawServer((socket) => dribble(socket, RESPONSE));

describe('http1: a server that sends its response one byte at a time', () => {
  it('is read whole, and the connection is reused', async () => {
    const { url } = ctx.server;
    const results = await run([`${url}/1`, `${url}/2`], http1(), { concurrency: 1 });

    expect(results).toMatchObject([
      { ok: true, status: 200, data: 'abcde' },
      { ok: true, status: 200, data: 'abcde' },
    ]);
    expect(ctx.server.connections).toBe(1);
  });
});
