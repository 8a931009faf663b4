import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, startHttpsServer, useCertificates, useProxy, useServer } from './network-helpers.js';

const pem = useCertificates();
const http = useServer(() => startHttpServer(echo));
const https = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));
const ctx = useProxy();

beforeEach(() => ctx.proxy.reset());
afterEach(() => vi.unstubAllEnvs());

describe.each(TRANSPORTS)('the proxy option (%s)', (transport) => {
  it('sends http targets to the proxy in absolute form', async () => {
    const url = `${http.server.url}/via-proxy?q=1`;
    const [result] = await collect(fanout([url], { transport: transportFor(transport, { proxy: ctx.proxy.url }) }));
    expect(result).toMatchObject({ ok: true, status: 200, data: { url: '/via-proxy?q=1' } });
    expect(ctx.proxy.forwarded).toEqual([url]);
    expect(ctx.proxy.tunnels).toEqual([]);
  });

  it('tunnels https targets with CONNECT, TLS end to end (the proxy sees host:port only), tunnels kept alive', async () => {
    const paths = ['/a', '/b', '/c', '/d'];
    const transportWithCa = transportFor(transport, { proxy: ctx.proxy.url, tls: { ca: pem.certs.caCert } });
    const results = await collect(fanout(paths.map((path) => `${https.server.url}${path}`), { concurrency: 1, transport: transportWithCa }));
    expect(results.map((r) => r.ok && (r.data as { url: string }).url)).toEqual(paths);
    expect(ctx.proxy.forwarded).toEqual([]);
    expect(new Set(ctx.proxy.tunnels)).toEqual(new Set([`127.0.0.1:${https.server.port}`]));
    // Keep-alive: four requests one after the other reuse their tunnel (undici may open a
    // second connection while it still counts the first as busy).
    expect(ctx.proxy.tunnels.length).toBeLessThanOrEqual(2);
  });

  it('noProxy sends matching hosts direct', async () => {
    const [result] = await collect(fanout([`${http.server.url}/direct`], { transport: transportFor(transport, { proxy: ctx.proxy.url, noProxy: 'example.org, 127.0.0.1' }) }));
    expect(result).toMatchObject({ ok: true, data: { url: '/direct' } });
    expect(ctx.proxy.forwarded).toEqual([]);
  });

  it('proxy: false ignores HTTP_PROXY and HTTPS_PROXY', async () => {
    vi.stubEnv('HTTP_PROXY', ctx.proxy.url);
    vi.stubEnv('HTTPS_PROXY', ctx.proxy.url);
    const results = await collect(
      fanout([`${http.server.url}/h`, `${https.server.url}/s`], { transport: transportFor(transport, { proxy: false, tls: { ca: pem.certs.caCert } }) }),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect([...ctx.proxy.forwarded, ...ctx.proxy.tunnels]).toEqual([]);
  });
});
