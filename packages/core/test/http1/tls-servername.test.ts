import { describe, expect, it } from 'vitest';
import { useCertificates } from '../network/network-helpers.js';
import { response, useRawServer } from './raw-server.js';
import { http1, runOne } from './run.js';

const ctx = useCertificates();
const tls = useRawServer(
  (socket) => socket.write(response('ok')),
  () => ({ key: ctx.certs.serverKey, cert: ctx.certs.serverCert }),
);

describe('http1: the TLS server name (SNI)', () => {
  it('is the host name of the URL', async () => {
    const result = await runOne(`https://localhost:${tls.server.port}/`, http1({ tls: { ca: ctx.certs.caCert } }));

    expect(result).toMatchObject({ ok: true, data: 'ok' });
    expect(tls.server.servernames).toEqual(['localhost']);
  });

  it('is not sent for an IP address', async () => {
    const result = await runOne(`https://127.0.0.1:${tls.server.port}/`, http1({ tls: { ca: ctx.certs.caCert } }));

    expect(result).toMatchObject({ ok: true, data: 'ok' });
    expect(tls.server.servernames).toEqual([false]);
  });
});
