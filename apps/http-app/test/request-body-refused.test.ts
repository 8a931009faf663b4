import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';
import { parseResponse, rawExchange, type RawResponse } from './raw-http.js';

const ctx = useApp();

const TOTAL = 100 * 1024 * 1024;

/**
 * Sends `head`, then up to 100 MB of body as fast as the server takes it, until the server
 * closes the connection. Returns its answer and how many body bytes could be written.
 */
function sendHugeBody(baseUrl: string, head: string): Promise<{ response: RawResponse; written: number }> {
  const { hostname, port } = new URL(baseUrl);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let written = 0;
    let open = true;
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open = false;
      resolve({ response: parseResponse(Buffer.concat(received).toString('latin1')), written });
    });
    const pump = () => {
      while (open && written < TOTAL) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      if (open) socket.end();
    };
    socket.write(head);
    pump();
  });
}

describe('a request body the API does not take is answered and the connection closed, not read', () => {
  it('POST with 100 MB: 405, and the server closes long before the body is all sent', async () => {
    const { response, written } = await sendHugeBody(ctx.url, `POST /api/posts?ids=1 HTTP/1.1\r\nHost: a\r\nContent-Length: ${TOTAL}\r\n\r\n`);
    expect(response.status).toBe(405);
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'EMETHOD' } });
    expect(written).toBeLessThan(TOTAL / 2);
  });

  it('GET with a 100 MB body: 413, closed the same way', async () => {
    const { response, written } = await sendHugeBody(ctx.url, `GET /api/posts?ids=1 HTTP/1.1\r\nHost: a\r\nContent-Length: ${TOTAL}\r\n\r\n`);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'EREQUESTBODY' } });
    expect(written).toBeLessThan(TOTAL / 2);
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('a chunked body to an unknown path: 404, closed', async () => {
    const { response, written } = await sendHugeBody(ctx.url, 'PUT /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000\r\n');
    expect(response.status).toBe(404);
    expect(response.headers.connection).toBe('close');
    expect(written).toBeLessThan(TOTAL / 2);
  });

  it('with Expect: 100-continue the body is never invited: the 405 comes instead of 100 Continue', async () => {
    const raw = await rawExchange(ctx.url, `POST /api/posts?ids=1 HTTP/1.1\r\nHost: a\r\nContent-Length: ${TOTAL}\r\nExpect: 100-continue\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(raw).not.toContain('100 Continue');
  });

  it('the server still serves afterwards', async () => {
    expect((await fetch(`${ctx.url}/api/posts?ids=1`)).status).toBe(200);
  });
});
