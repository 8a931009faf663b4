import { describe, expect, it } from 'vitest';
import { fanout } from '../../core/src/index.js';
import { undiciTransport } from '../src/index.js';
import { collect } from '../../core/test/helpers.js';
import { echo, startHttpsServer, useCertificates, useServer } from '../../core/test/network/network-helpers.js';

const pem = useCertificates();
const https = useServer(() => startHttpsServer({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, echo));

describe('timeline over https with undici: the TLS handshake is inside connect', () => {
  it('marks each connection the server accepted on the attempt that opened it, ready before its first byte', async () => {
    const transport = undiciTransport({ tls: { ca: pem.certs.caCert } });
    try {
      const urls = Array.from({ length: 6 }, (_, i) => `${https.server.url}/${i}`);
      const results = await collect(fanout(urls, { concurrency: 2, transport, timeline: true }));
      expect(results.every((r) => r.ok)).toBe(true);
      const spans = results.flatMap((r) => r.timeline?.attempts ?? []);
      const opened = spans.filter((span) => span.connected !== undefined);
      // Counted at the server: as many connections as attempts that say they opened one.
      expect(opened.length).toBe(https.server.connections);
      expect(opened.length).toBeGreaterThanOrEqual(1);
      for (const span of opened) {
        expect(span.start).toBeLessThanOrEqual(span.connected ?? -Infinity);
        expect(span.connected).toBeLessThanOrEqual(span.firstByte ?? -Infinity);
        expect(span.firstByte).toBeLessThanOrEqual(span.end);
      }
    } finally {
      await transport.close();
    }
  });
});
