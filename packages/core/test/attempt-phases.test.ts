import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { collect, byIndex } from './helpers.js';

describe('timeline with undici: connect and first byte per attempt', () => {
  it('marks when a fresh connection was ready and when the response began; a reused connection has no connect', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"part":');
      setTimeout(() => res.end('1}'), 20); // the body ends after the first byte
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Concurrency 1 over one keep-alive connection: the first request opens it, the second reuses it.
      const [first, second] = byIndex(await collect(fanout([`${url}/a`, `${url}/b`], { concurrency: 1, timeline: true })));
      const fresh = first?.timeline?.attempts[0];
      const reused = second?.timeline?.attempts[0];
      if (!fresh || !reused) throw new Error(`expected an attempt span per result: ${JSON.stringify([first, second])}`);

      expect(fresh.connected).toBeDefined();
      expect(fresh.firstByte).toBeDefined();
      expect(fresh.start).toBeLessThanOrEqual(fresh.connected ?? -Infinity);
      expect(fresh.connected).toBeLessThanOrEqual(fresh.firstByte ?? -Infinity);
      expect(fresh.firstByte).toBeLessThanOrEqual(fresh.end);

      expect(reused.connected).toBeUndefined();
      expect(reused.start).toBeLessThanOrEqual(reused.firstByte ?? -Infinity);
      expect(reused.firstByte).toBeLessThanOrEqual(reused.end);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
