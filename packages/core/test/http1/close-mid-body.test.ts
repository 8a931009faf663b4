import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { errorOf, http1, run } from './run.js';

let cut: 'end' | 'destroy' = 'end';
const ctx = useRawServer((socket, request) => {
  if (request.target !== '/cut') {
    socket.write(response(`body of ${request.target}`));
    return;
  }
  socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly 10 b.');
  if (cut === 'end') socket.end();
  else socket.destroy();
});

describe.each(['end', 'destroy'] as const)('http1: the server closes the connection in the middle of a body (socket.%s)', (how) => {
  it('fails that request with ECONNRESET; the requests next to it succeed', async () => {
    cut = how;
    const { url } = ctx.server;
    const transport = http1();
    const results = await run([`${url}/one`, `${url}/cut`, `${url}/two`], transport, { concurrency: 3 });

    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code: 'ECONNRESET' });
    expect(results[0]).toMatchObject({ ok: true, data: 'body of /one' });
    expect(results[2]).toMatchObject({ ok: true, data: 'body of /two' });
    // And the transport goes on serving the origin.
    expect(await run([`${url}/three`], transport)).toMatchObject([{ ok: true, data: 'body of /three' }]);
  });
});
