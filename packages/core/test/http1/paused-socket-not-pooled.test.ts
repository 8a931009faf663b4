import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

// 32 KiB that claim to be gzip and are not, in one write with the head: the whole body is one
// chunk, more than the decoder takes before it asks the socket to pause.
const CORRUPT = Buffer.alloc(32 * 1024, 'x');
const ctx = useRawServer((socket, request) => {
  if (request.target === '/corrupt') socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${CORRUPT.length}\r\n\r\n`), CORRUPT]));
  else socket.write(response(`body of ${request.target}`));
});

describe('http1: a response whose last chunk paused the socket (decoder backpressure), then failed to decode', () => {
  it('fails alone: the connection it leaves in the pool reads the next response', async () => {
    const { url } = ctx.server;
    const transport = http1({ connections: 1 });
    const [corrupt] = await run([`${url}/corrupt`], transport);
    const [next] = await run([`${url}/next`], transport);

    expect(corrupt).toMatchObject({ ok: false, error: { name: 'NetworkError', code: 'Z_DATA_ERROR' } });
    expect(next).toMatchObject({ ok: true, data: 'body of /next' });
    expect(ctx.server.connections).toBe(1);
  });
});
