import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// core's HTTP/2 test server (node:http2, HTTP/1.1 allowed) and certificates made by openssl.
import { useCertificates } from '../../../packages/core/test/network/network-helpers.js';
import { startH2Server, type H2TestServer } from '../../../packages/core/test/http2/h2-server.js';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const tls = useCertificates();
let server: H2TestServer;
beforeAll(async () => {
  server = await startH2Server({ key: tls.certs.serverKey, cert: tls.certs.serverCert }, (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(req.httpVersion));
});
afterAll(() => server.close());

describe('--http1.1', () => {
  it('HTTP/2 by default when the server offers it; --http1.1 speaks HTTP/1.1 (the server sees it)', async () => {
    const ca = tmpFile('ca.pem', tls.certs.caCert);
    const urls = [1, 2, 3].map((n) => `${server.url}/${n}`);
    const byDefault = await runCli([...urls, '--cacert', ca, '-o', 'ndjson']);
    expect(byDefault.code).toBe(0);
    expect(ndjson(byDefault.stdout).map((line) => line.data)).toEqual(['2.0', '2.0', '2.0']);
    expect(server.versions).toEqual({ '2.0': 3 });

    server.reset();
    const forced = await runCli([...urls, '--cacert', ca, '--http1.1', '-o', 'ndjson']);
    expect(forced.code).toBe(0);
    expect(ndjson(forced.stdout).map((line) => line.data)).toEqual(['1.1', '1.1', '1.1']);
    expect(server.versions).toEqual({ '1.1': 3 });
    expect(server.sessions).toBe(0);
  });
});
