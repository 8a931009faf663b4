import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { TRANSPORTS, transportFor, useUpstream } from './fault-helpers.js';

const ctx = useUpstream();

/** A host that accepts connections and resets each at once; counts the connections. */
async function resettingHost(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(TRANSPORTS)('fault: a dead host among live ones (%s)', (transport) => {
  it('sends a bounded number of attempts to the dead host; its other inputs fail fast with ECIRCUITOPEN', async () => {
    const dead = await resettingHost();
    try {
      const inputs = Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? `${dead.url}/posts/${i}` : `${ctx.upstream.url}/posts/${(i % 100) + 1}`));
      const concurrency = 4;
      const failures = 3;
      const results = await collect(
        fanout(inputs, {
          concurrency,
          retry: { limit: 2, backoff: { base: 1 } },
          transport: transportFor(transport),
          // A cool-down far longer than the test: no probe goes, so the count below is exact.
          circuitBreaker: { failures, cooldown: 600_000 },
        }),
      );
      expect(results).toHaveLength(120);
      const live = results.filter((r) => r.index % 2 === 1);
      expect(live.every((r) => r.ok)).toBe(true);
      expect(ctx.upstream.stats.requests).toBe(60);

      const codes = new Map<string, number>();
      for (const r of results) if (!r.ok) codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
      // Once `failures` attempts in a row failed, only attempts already past the gate may still go.
      expect(dead.connections()).toBeLessThanOrEqual(failures + concurrency);
      expect(codes.get('ECIRCUITOPEN')).toBeGreaterThanOrEqual(60 - failures - concurrency);
      expect((codes.get('ECIRCUITOPEN') ?? 0) + (codes.get('ECONNRESET') ?? 0)).toBe(60);
      const attemptsToDead = results.filter((r) => r.index % 2 === 0).reduce((n, r) => n + r.attempts, 0);
      expect(attemptsToDead).toBe(dead.connections());
    } finally {
      await dead.close();
    }
  });

  it('circuitBreaker: false sends every attempt', async () => {
    const dead = await resettingHost();
    try {
      const inputs = Array.from({ length: 10 }, (_, i) => `${dead.url}/posts/${i}`);
      const results = await collect(fanout(inputs, { concurrency: 2, retry: { limit: 1, backoff: { base: 1 } }, transport: transportFor(transport), circuitBreaker: false }));
      expect(results.every((r) => !r.ok && r.error.code === 'ECONNRESET')).toBe(true);
      expect(dead.connections()).toBe(20);
    } finally {
      await dead.close();
    }
  });
});
