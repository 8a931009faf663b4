import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';

describe('perHost below concurrency', () => {
  it('opens no more connections to the host than perHost (the pool is sized to it)', { timeout: 30_000 }, async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 5);
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const urls = Array.from({ length: 30 }, (_, i) => `http://127.0.0.1:${port}/item/${i}`);
      const results = await lastValueFrom(fanout(urls, { concurrency: 10, perHost: 3, retry: 0 }).pipe(toArray()));
      expect(results.filter((r) => r.ok)).toHaveLength(30);
      expect(connections).toBeLessThanOrEqual(3);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
