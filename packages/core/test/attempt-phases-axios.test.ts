import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { axiosTransport, fanout } from '../src/index.js';
import { collect } from './helpers.js';

describe('timeline with axios: first byte per attempt, no connect', () => {
  it('marks when the response began, inside the attempt, and leaves connect out', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"part":');
      setTimeout(() => res.end('1}'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const transport = axiosTransport();
    try {
      const [result] = await collect(fanout([`${url}/a`], { transport, timeline: true }));
      const span = result?.timeline?.attempts[0];
      if (!span) throw new Error(`expected an attempt span: ${JSON.stringify(result)}`);
      expect(result?.ok).toBe(true);
      expect(span.connected).toBeUndefined();
      expect(span.start).toBeLessThanOrEqual(span.firstByte ?? -Infinity);
      expect(span.firstByte).toBeLessThanOrEqual(span.end);
    } finally {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
