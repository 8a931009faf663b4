import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '@fanout/demo-upstream';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, startHttpsServer, useCertificates, useProxy, useServer } from './network-helpers.js';

const pem = useCertificates();
const http = useServer(() => startHttpServer(echo));
const https = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));
const ctx = useProxy();
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

beforeEach(() => {
  ctx.proxy.reset();
  // Whatever the machine sets, each test starts with no proxy in the environment.
  for (const name of PROXY_VARIABLES) vi.stubEnv(name, '');
});
afterEach(() => vi.unstubAllEnvs());

describe.each(TRANSPORTS)('proxies from the environment (%s)', (transport) => {
  it('HTTP_PROXY carries http targets, HTTPS_PROXY https targets (by CONNECT)', async () => {
    vi.stubEnv('HTTP_PROXY', ctx.proxy.url);
    vi.stubEnv('HTTPS_PROXY', ctx.proxy.url);
    const results = await collect(fanout([`${http.server.url}/h`, `${https.server.url}/s`], { transport: transportFor(transport, { tls: { ca: pem.certs.caCert } }) }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(ctx.proxy.forwarded).toEqual([`${http.server.url}/h`]);
    expect(ctx.proxy.tunnels).toEqual([`127.0.0.1:${https.server.port}`]);
  });

  it('HTTP_PROXY alone leaves https targets direct (as curl does)', async () => {
    vi.stubEnv('HTTP_PROXY', ctx.proxy.url);
    const [result] = await collect(fanout([`${https.server.url}/s`], { transport: transportFor(transport, { tls: { ca: pem.certs.caCert } }) }));
    expect(result?.ok).toBe(true);
    expect(ctx.proxy.tunnels).toEqual([]);
  });

  it('the lower-case name wins over the upper-case one', async () => {
    vi.stubEnv('HTTP_PROXY', `http://127.0.0.1:${await freePort()}`);
    vi.stubEnv('http_proxy', ctx.proxy.url);
    const [result] = await collect(fanout([`${http.server.url}/lower`], { transport: transportFor(transport) }));
    expect(result?.ok).toBe(true);
    expect(ctx.proxy.forwarded).toEqual([`${http.server.url}/lower`]);
  });

  it('NO_PROXY (host:port form) sends that origin direct, others still through the proxy', async () => {
    vi.stubEnv('HTTP_PROXY', ctx.proxy.url);
    vi.stubEnv('HTTPS_PROXY', ctx.proxy.url);
    vi.stubEnv('NO_PROXY', `localhost,127.0.0.1:${https.server.port}`);
    const results = await collect(fanout([`${http.server.url}/h`, `${https.server.url}/s`], { transport: transportFor(transport, { tls: { ca: pem.certs.caCert } }) }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(ctx.proxy.forwarded).toEqual([`${http.server.url}/h`]);
    expect(ctx.proxy.tunnels).toEqual([]);
  });
});

describe('the default transport', () => {
  it('honours HTTP_PROXY too', async () => {
    vi.stubEnv('HTTP_PROXY', ctx.proxy.url);
    const [result] = await collect(fanout([`${http.server.url}/default`]));
    expect(result?.ok).toBe(true);
    expect(ctx.proxy.forwarded).toEqual([`${http.server.url}/default`]);
  });
});
