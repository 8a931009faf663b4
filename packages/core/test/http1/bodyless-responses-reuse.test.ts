import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

// Responses whose headers announce a body that never comes: read as if it did, the client would
// wait for the next response's bytes as this one's body.
const ctx = useRawServer((socket, request) => {
  if (request.target === '/204') socket.write('HTTP/1.1 204 No Content\r\nX-Note: none\r\n\r\n');
  else if (request.target === '/304') socket.write('HTTP/1.1 304 Not Modified\r\nContent-Length: 5000\r\nETag: "v1"\r\n\r\n');
  else if (request.method === 'HEAD') socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nTransfer-Encoding: chunked\r\n\r\n');
  else socket.write(response(`body of ${request.target}`));
});

describe('http1: responses without a body (204, 304, a HEAD request) whatever their headers say', () => {
  it('end with their head, and the connection carries the next request', async () => {
    const { url } = ctx.server;
    const results = await run([`${url}/204`, `${url}/304`, { url: `${url}/head`, method: 'HEAD' }, `${url}/last`], http1({ connections: 1 }), { concurrency: 1 });

    expect(results.map((result) => (result.ok ? [result.status, result.data] : result.error.code))).toEqual([
      [204, ''],
      'EHTTP', // a 304 is not a 2xx: a failed result, read to its end all the same
      [200, ''],
      [200, 'body of /last'],
    ]);
    expect(ctx.server.connections).toBe(1);
  });
});
