import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, http1, run } from '../http1/run.js';
import { useCertificates } from '../network/network-helpers.js';

const pem = useCertificates();
let close: (() => void) | undefined;
afterEach(() => close?.());

describe('HTTP/2: a server that picks h2 and closes before its settings', () => {
  it('fails the waiting requests with a NetworkError after one connection each time, instead of reconnecting in a loop', async () => {
    let connections = 0;
    const server = createTlsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert, ALPNProtocols: ['h2'] }, (socket: TLSSocket) => {
      connections++;
      socket.destroy();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    close = () => server.close();
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const results = await run(
      Array.from({ length: 20 }, (_, i) => `${url}/${i}`),
      http1({ tls: { ca: pem.certs.caCert } }),
      { concurrency: 20, circuitBreaker: false, timeout: 20_000 },
    );
    expect(results.map((result) => errorOf(result)?.name)).toEqual(results.map(() => 'NetworkError'));
    expect(connections).toBeLessThanOrEqual(3);
  });
});
