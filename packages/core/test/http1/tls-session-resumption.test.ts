import { describe, expect, it } from 'vitest';
import { useCertificates } from '../network/network-helpers.js';
import { response, useRawServer } from './raw-server.js';
import { waitFor } from '../held-server.js';
import { http1, run, runOne } from './run.js';

const ctx = useCertificates();
// Every response closes its connection: each request needs a TLS handshake of its own.
const tls = useRawServer(
  (socket) => socket.end(response('ok', ['Connection: close'])),
  () => ({ key: ctx.certs.serverKey, cert: ctx.certs.serverCert }),
);

describe('http1: TLS sessions', () => {
  it('are resumed on the next connection to the origin', async () => {
    const { url } = tls.server;
    const transport = http1({ tls: { ca: ctx.certs.caCert } });
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], transport, { concurrency: 1 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['ok', 'ok', 'ok']);
    expect(tls.server.connections).toBe(3);
    expect(tls.server.resumed).toBe(2);
  });

  it('are resumed after every connection to the origin has closed (its pool forgotten)', async () => {
    const { url } = tls.server;
    const transport = http1({ tls: { ca: ctx.certs.caCert } });
    for (let n = 1; n <= 3; n++) {
      expect(await runOne(`${url}/${n}`, transport)).toMatchObject({ ok: true, data: 'ok' });
      // Every socket of the client and the server is gone (its handle closed, its 'close' event
      // out) before the next request: the transport's pool for the origin is empty. (The server
      // seeing the close is not enough: the client's 'close' may come later.)
      await waitFor(() => !process.getActiveResourcesInfo().includes('TCPSocketWrap'));
    }

    expect(tls.server.connections).toBe(3);
    expect(tls.server.resumed).toBe(2);
  });
});
