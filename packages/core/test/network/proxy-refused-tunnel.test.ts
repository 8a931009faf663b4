import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, errorOf, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpsServer, useCertificates, useProxy, useServer } from './network-helpers.js';

const pem = useCertificates();
const https = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));
const ctx = useProxy({ refuseConnect: true });

describe.each(TRANSPORTS)('a proxy that refuses the tunnel (%s)', (transport) => {
  it('is a NetworkError EPROXY, not retried, and the origin sees nothing', async () => {
    const before = ctx.proxy.tunnels.length;
    const [result] = await collect(fanout([`${https.server.url}/s`], { retry: { limit: 2, backoff: { base: 1 } }, transport: transportFor(transport, { proxy: ctx.proxy.url, tls: { ca: pem.certs.caCert } }) }));
    expect(errorOf(result)).toEqual({ name: 'NetworkError', code: 'EPROXY', attempts: 1 });
    expect(ctx.proxy.tunnels.length - before).toBe(1);
    expect(https.server.connections).toBe(0);
  });
});
