import { describe, expect, it } from 'vitest';
// The transports' own test servers and certificates (made by openssl for this file).
import { echo, startHttpsServer, useCertificates, useServer } from '../../../packages/core/test/network/network-helpers.js';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const tls = useCertificates();
const signed = useServer(() => startHttpsServer({ key: tls.certs.serverKey, cert: tls.certs.serverCert }, echo));
const selfSigned = useServer(() => startHttpsServer({ key: tls.certs.selfSignedKey, cert: tls.certs.selfSignedCert }, echo));
const mutual = useServer(() => startHttpsServer({ key: tls.certs.serverKey, cert: tls.certs.serverCert, ca: tls.certs.caCert, requestCert: true, rejectUnauthorized: true }, echo));

describe('TLS flags: --cacert, -k, --cert/--key', () => {
  it('an unknown CA fails with its TLS code, once (never retried); --cacert trusts it', async () => {
    const url = `${signed.server.url}/x`;
    const untrusted = await runCli([url, '-o', 'ndjson', '--retries', '3']);
    expect(untrusted.code).toBe(1);
    expect(ndjson(untrusted.stdout)[0]).toMatchObject({ ok: false, attempts: 1, error: { name: 'NetworkError', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });

    const ca = tmpFile('ca.pem', tls.certs.caCert);
    const trusted = await runCli([url, '--cacert', ca, '-o', 'ndjson']);
    expect(trusted.code).toBe(0);
    expect(ndjson(trusted.stdout)[0]).toMatchObject({ ok: true, status: 200 });
  });

  it('-k accepts a self-signed certificate', async () => {
    const url = `${selfSigned.server.url}/x`;
    expect(ndjson((await runCli([url, '-o', 'ndjson', '--retries', '0'])).stdout)[0]).toMatchObject({ ok: false, error: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    const insecure = await runCli([url, '-k', '-o', 'ndjson']);
    expect(insecure.code).toBe(0);
  });

  it('--cert and --key present a client certificate (mutual TLS)', async () => {
    const url = `${mutual.server.url}/x`;
    const ca = tmpFile('ca.pem', tls.certs.caCert);
    const cert = tmpFile('client.pem', tls.certs.clientCert);
    const key = tmpFile('client.key', tls.certs.clientKey);
    const without = await runCli([url, '--cacert', ca, '-o', 'ndjson', '--retries', '0']);
    expect(without.code).toBe(1);
    const withCert = await runCli([url, '--cacert', ca, '--cert', cert, '--key', key, '-o', 'ndjson']);
    expect(withCert.code).toBe(0);
    expect(ndjson(withCert.stdout)[0]).toMatchObject({ ok: true, status: 200 });
  });
});
