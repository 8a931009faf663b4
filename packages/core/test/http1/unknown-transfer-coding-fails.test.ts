import { describe, expect, it } from 'vitest';
import { useRawServer } from './raw-server.js';
import { errorOf, http1, runOne } from './run.js';

const ANSWERS: Record<string, string> = {
  '/gzip-chunked': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  '/chunked-comma': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  '/length-nbsp': 'HTTP/1.1 200 OK\r\nContent-Length: 5\xa0\r\n\r\nhello',
};
const ctx = useRawServer((socket, request) => socket.end(Buffer.from(ANSWERS[request.target] ?? '', 'latin1')));

describe('http1: transfer codings and lengths as RFC 9110/9112 read them, over a socket', () => {
  it('a transfer coding the client does not decode (gzip, chunked) fails with EPROTO, never an ok body', async () => {
    const result = await runOne(`${ctx.server.url}/gzip-chunked`, http1());
    expect(errorOf(result)).toEqual({ name: 'NetworkError', code: 'EPROTO' });
  });

  it('`chunked,` is chunked: the body without its framing', async () => {
    expect(await runOne(`${ctx.server.url}/chunked-comma`, http1())).toMatchObject({ ok: true, data: 'hello' });
  });

  it('NBSP after a Content-Length is no whitespace: EPROTO', async () => {
    expect(errorOf(await runOne(`${ctx.server.url}/length-nbsp`, http1()))).toEqual({ name: 'NetworkError', code: 'EPROTO' });
  });
});
