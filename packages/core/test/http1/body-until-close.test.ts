import { describe, expect, it } from 'vitest';
import { useCertificates } from '../network/network-helpers.js';
import { useRawServer, type Respond } from './raw-server.js';
import { http1, runOne } from './run.js';

const BODY = 'the body ends when the server closes the connection. '.repeat(2000);

// No Content-Length, no chunked framing: the body is read to the end of the connection, which
// comes in a later read than most of it (the client reads with no 'data' events: `onread`).
const respond: Respond = (socket) => {
  socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${BODY.slice(0, 1000)}`);
  setImmediate(() => socket.end(BODY.slice(1000)));
};

const ctx = useCertificates();
const plain = useRawServer(respond);
const tls = useRawServer(respond, () => ({ key: ctx.certs.serverKey, cert: ctx.certs.serverCert }));

describe('http1: a body read until the connection closes', () => {
  it('is read whole over TCP', async () => {
    const result = await runOne(`${plain.server.url}/`, http1());
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.ok && result.data).toBe(BODY);
  });

  it('is read whole over TLS', async () => {
    const result = await runOne(`${tls.server.url}/`, http1({ tls: { ca: ctx.certs.caCert } }));
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.ok && result.data).toBe(BODY);
  });
});
