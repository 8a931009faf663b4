import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, errorOf, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpsServer, useCertificates, useServer } from './network-helpers.js';

const pem = useCertificates();
const selfSigned = useServer(() => startHttpsServer({ key: pem.certs.selfSignedKey, cert: pem.certs.selfSignedCert }, echo));
const unknownCa = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));
const expired = useServer(() => startHttpsServer({ key: pem.certs.expiredKey, cert: pem.certs.expiredCert }, echo));
const wrongName = useServer(() => startHttpsServer({ key: pem.certs.wrongNameKey, cert: pem.certs.wrongNameCert }, echo));

describe.each(TRANSPORTS)('TLS verification failures (%s)', (transport) => {
  it.each([
    ['a self-signed certificate', selfSigned, 'DEPTH_ZERO_SELF_SIGNED_CERT', false],
    ['a certificate from an unknown CA', unknownCa, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', false],
    ['a certificate for another name', wrongName, 'ERR_TLS_CERT_ALTNAME_INVALID', true],
    ['an expired certificate', expired, 'CERT_HAS_EXPIRED', true],
  ] as const)('%s is a NetworkError with its TLS code, tried once (one handshake at the server)', async (_case, ctx, code, trustCa) => {
    const before = ctx.server.connections;
    const [result] = await collect(
      fanout([`${ctx.server.url}/posts/1`], { retry: { limit: 2, backoff: { base: 1 } }, transport: transportFor(transport, trustCa ? { tls: { ca: pem.certs.caCert } } : {}) }),
    );
    expect(errorOf(result)).toEqual({ name: 'NetworkError', code, attempts: 1 });
    expect(ctx.server.connections - before).toBe(1);
    expect(ctx.server.requests).toBe(0);
  });
});
