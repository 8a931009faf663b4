import { beforeEach, describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, startHttpsServer, useCertificates, useProxy, useServer } from './network-helpers.js';

const pem = useCertificates();
const http = useServer(() => startHttpServer(echo));
const https = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));
const ctx = useProxy();

beforeEach(() => ctx.proxy.reset());

describe.each(TRANSPORTS)('proxy credentials (%s)', (transport) => {
  it('user:pass in the proxy URL become Proxy-Authorization (decoded), to the proxy only', async () => {
    const proxy = ctx.proxy.url.replace('http://', 'http://alice:p%40ss@');
    const results = await collect(fanout([`${http.server.url}/h`, `${https.server.url}/s`], { transport: transportFor(transport, { proxy, tls: { ca: pem.certs.caCert } }) }));
    const expected = `Basic ${Buffer.from('alice:p@ss').toString('base64')}`;
    expect(ctx.proxy.authorizations).toEqual([expected, expected]);
    // The origin never sees it.
    expect(results.map((r) => r.ok && (r.data as { headers: Record<string, string> }).headers['proxy-authorization'])).toEqual([undefined, undefined]);
  });
});
