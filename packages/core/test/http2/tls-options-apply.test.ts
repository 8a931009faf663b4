import { describe, expect, it } from 'vitest';
import { errorOf, http1, runOne } from '../http1/run.js';
import { useCertificates } from '../network/network-helpers.js';
import { startH2Server, type H2TestServer } from './h2-server.js';
import { afterEach } from 'vitest';

const pem = useCertificates();
let server: H2TestServer | undefined;
afterEach(() => server?.close());

describe('HTTP/2: the TLS options apply as on HTTP/1.1', () => {
  it('a client certificate (tls.cert + tls.key) is sent to a server that requires one', async () => {
    server = await startH2Server({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, (req, res) => res.end(`${req.httpVersion} ${(req.socket as unknown as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN}`), {
      extra: { ca: pem.certs.caCert, requestCert: true, rejectUnauthorized: true },
    });
    const tls = { ca: pem.certs.caCert, cert: pem.certs.clientCert, key: pem.certs.clientKey };
    expect(await runOne(`${server.url}/who`, http1({ tls }))).toMatchObject({ ok: true, data: '2.0 fanout test client' });
    const refused = await runOne(`${server.url}/who`, http1({ tls: { ca: pem.certs.caCert } }));
    expect(errorOf(refused)?.name).toBe('NetworkError');
  });

  it('a self-signed certificate fails verification (its TLS code), and is accepted with rejectUnauthorized: false (-k)', async () => {
    server = await startH2Server({ key: pem.certs.selfSignedKey, cert: pem.certs.selfSignedCert }, (req, res) => res.end(req.httpVersion));
    expect(errorOf(await runOne(`${server.url}/`, http1()))).toEqual({ name: 'NetworkError', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(await runOne(`${server.url}/`, http1({ tls: { rejectUnauthorized: false } }))).toMatchObject({ ok: true, data: '2.0' });
    expect(await runOne(`${server.url}/`, http1({ tls: { ca: pem.certs.selfSignedCert } }))).toMatchObject({ ok: true, data: '2.0' });
  });
});
