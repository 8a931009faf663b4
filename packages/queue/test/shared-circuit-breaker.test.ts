import { createServer, type Socket } from 'node:net';
import { fanout, type FetchResult, type SharedLimits } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { openRedis, parseQueueUrl, RedisLimits } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

const fixture = useQueueFixture((_req, res) => res.end('ok'));

/** A host that accepts connections and resets each at once; counts the connections. */
async function resettingHost(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = createServer((socket: Socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const concurrency = 4;
const failures = 3;

/** One worker's run over `inputs` with its own Redis connection, sharing the job's limits. */
function run(inputs: readonly string[], limits: SharedLimits): Promise<FetchResult[]> {
  return new Promise((resolve, reject) => {
    const results: FetchResult[] = [];
    fanout(inputs, {
      concurrency,
      retry: 0,
      sharedLimits: limits,
      // A cool-down far longer than the test: no probe goes, so the counts below are exact.
      circuitBreaker: { failures, cooldown: 600_000 },
    }).subscribe({ next: (r) => results.push(r), error: reject, complete: () => resolve(results) });
  });
}

describe('the circuit breaker is shared by workers through Redis', () => {
  it('a dead host costs failures + the in-flight window across all workers; a later worker sends it nothing', async () => {
    const dead = await resettingHost();
    const connections = await Promise.all([1, 2, 3].map(() => openRedis(parseQueueUrl(fixture.url))));
    const [one, two, three] = connections.map((redis) => new RedisLimits(redis, 'circuit', {})) as [RedisLimits, RedisLimits, RedisLimits];
    try {
      const inputs = Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? `${dead.url}/d/${i}` : `${fixture.base}/l/${i}`));
      const both = await Promise.all([run(inputs, one), run(inputs, two)]);
      for (const results of both) {
        expect(results).toHaveLength(80);
        expect(results.filter((r) => r.index % 2 === 1).every((r) => r.ok)).toBe(true);
        expect(results.filter((r) => r.index % 2 === 0).every((r) => !r.ok && ['ECIRCUITOPEN', 'ECONNRESET'].includes(r.error.code))).toBe(true);
      }
      // Per-worker breakers would allow failures + concurrency per worker; shared, it is one
      // `failures` for both, plus what each had already past the gate when the circuit opened.
      expect(dead.connections()).toBeGreaterThanOrEqual(failures);
      expect(dead.connections()).toBeLessThanOrEqual(failures + 2 * concurrency);
      const sentByBoth = dead.connections();

      // A third worker finds the circuit open: its dead-host inputs fail fast, none is sent.
      const later = await run(inputs, three);
      expect(dead.connections()).toBe(sentByBoth);
      const deadResults = later.filter((r) => r.index % 2 === 0);
      expect(deadResults.every((r) => !r.ok && r.error.code === 'ECIRCUITOPEN')).toBe(true);
      expect(later.filter((r) => r.index % 2 === 1).every((r) => r.ok)).toBe(true);
    } finally {
      for (const redis of connections) redis.disconnect();
      await dead.close();
    }
  }, 30_000);
});
