import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpsServer, useCertificates, useServer } from './network-helpers.js';

const pem = useCertificates();
const selfSigned = useServer(() => startHttpsServer({ key: pem.certs.selfSignedKey, cert: pem.certs.selfSignedCert }, echo));
const byTestCa = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));

describe.each(TRANSPORTS)('TLS trust options (%s)', (transport) => {
  it('tls.ca trusts a server whose certificate the test CA signed', async () => {
    const [result] = await collect(fanout([`${byTestCa.server.url}/x`], { transport: transportFor(transport, { tls: { ca: pem.certs.caCert } }) }));
    expect(result).toMatchObject({ ok: true, status: 200, data: { method: 'GET', url: '/x' } });
  });

  it('tls.ca as a Buffer works the same', async () => {
    const [result] = await collect(fanout([`${byTestCa.server.url}/y`], { transport: transportFor(transport, { tls: { ca: Buffer.from(pem.certs.caCert) } }) }));
    expect(result).toMatchObject({ ok: true, status: 200, data: { url: '/y' } });
  });

  it('rejectUnauthorized: false (curl -k) accepts a self-signed certificate', async () => {
    const [result] = await collect(fanout([`${selfSigned.server.url}/z`], { transport: transportFor(transport, { tls: { rejectUnauthorized: false } }) }));
    expect(result).toMatchObject({ ok: true, status: 200, data: { url: '/z' } });
  });
});
