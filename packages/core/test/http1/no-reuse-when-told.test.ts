import { describe, expect, it } from 'vitest';
import { useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

let answer = '';
// The server keeps every connection open: only the client's reading of the response decides.
const ctx = useRawServer((socket) => socket.write(answer));

describe('http1: responses that end the connection', () => {
  it.each([
    ['HTTP/1.1 with Connection: close', 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok'],
    ['HTTP/1.0 without keep-alive', 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok'],
    ['HTTP/1.0 with Connection: keep-alive, close', 'HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\nok'],
  ])('%s: each request opens a connection of its own', async (_name, bytes) => {
    answer = bytes;
    const { url } = ctx.server;
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], http1(), { concurrency: 1 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['ok', 'ok', 'ok']);
    expect(ctx.server.connections).toBe(3);
  });

  it('HTTP/1.0 with Connection: keep-alive is reused', async () => {
    answer = 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok';
    const { url } = ctx.server;
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], http1(), { concurrency: 1 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['ok', 'ok', 'ok']);
    expect(ctx.server.connections).toBe(1);
  });
});
