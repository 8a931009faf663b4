import { describe, expect, it } from 'vitest';
import { http1, run } from '../http1/run.js';
import { startHttpsServer, useCertificates, useServer } from '../network/network-helpers.js';

// node:https: it offers only http/1.1 by ALPN.
const pem = useCertificates();
const ctx = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, (req, res) => res.end(req.httpVersion)));

describe('a TLS server that offers only HTTP/1.1', () => {
  it('is spoken to over HTTP/1.1, on the connection that asked (no second handshake)', async () => {
    const before = ctx.server.connections;
    const urls = [1, 2, 3].map((n) => `${ctx.server.url}/${n}`);
    const results = await run(urls, http1({ tls: { ca: pem.certs.caCert } }), { concurrency: 1 });
    expect(results.map((result) => result.ok && result.data)).toEqual(['1.1', '1.1', '1.1']);
    expect(ctx.server.connections - before).toBe(1);
  });

  it('requests that waited for the first connection go to the HTTP/1.1 pool: no more connections than its limit', async () => {
    const before = ctx.server.connections;
    const urls = Array.from({ length: 40 }, (_, n) => `${ctx.server.url}/${n}`);
    const results = await run(urls, http1({ tls: { ca: pem.certs.caCert }, connections: 8 }), { concurrency: 8 });
    expect(results.filter((result) => result.ok && result.data === '1.1')).toHaveLength(40);
    expect(ctx.server.connections - before).toBeLessThanOrEqual(8);
  });
});
