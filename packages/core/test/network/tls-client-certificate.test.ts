import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { startHttpsServer, useCertificates, useServer } from './network-helpers.js';

const pem = useCertificates();
// Requires a client certificate signed by the test CA, and tells which one it got.
const mtls = useServer(() =>
  startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert, ca: pem.certs.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ client: peer.subject?.CN }));
  }),
);

describe.each(TRANSPORTS)('mTLS (%s)', (transport) => {
  it('sends the client certificate (tls.cert + tls.key) to a server that requires one', async () => {
    const tls = { ca: pem.certs.caCert, cert: pem.certs.clientCert, key: pem.certs.clientKey };
    const [result] = await collect(fanout([`${mtls.server.url}/who`], { transport: transportFor(transport, { tls }) }));
    expect(result).toMatchObject({ ok: true, status: 200, data: { client: 'fanout test client' } });
  });

  it('without a client certificate the server refuses: a NetworkError, no request handled', async () => {
    const before = mtls.server.requests;
    const [result] = await collect(fanout([`${mtls.server.url}/who`], { retry: 0, transport: transportFor(transport, { tls: { ca: pem.certs.caCert } }) }));
    // TLS 1.3: the server's alert may reach the client after it saw the connection close, so
    // undici reports the close; node:http (axios) reads the alert.
    expect(result).toMatchObject({ ok: false, error: { name: 'NetworkError' } });
    expect(['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ECONNRESET']).toContain(result && !result.ok && result.error.code);
    expect(mtls.server.requests).toBe(before);
  });
});
