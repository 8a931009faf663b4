import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fanout } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const INPUTS = 300;
const PLAIN = 200;

/** Answers its first PLAIN requests with no rate-limit headers, then announces "45 of 50 left for a second" on each. */
async function startLateBudgetServer(): Promise<{ url: string; requests: () => number; close: () => void }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    const headers = requests > PLAIN ? { ratelimit: 'limit=50, remaining=45, reset=1', 'ratelimit-policy': '50;w=1' } : {};
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => (server.closeAllConnections(), server.close()) };
}

describe('a host that starts announcing its budget mid-run is paced by that budget, not stalled by the sends made before it', () => {
  it(`${PLAIN} answers without rate-limit headers, then "45 of 50 left for a second" on each: the other ${INPUTS - PLAIN} go in a few seconds, not after minutes`, async () => {
    await redis.a.hset('fanout:job:late-budget:meta', 'state', 'enqueued');
    const server = await startLateBudgetServer();
    const abort = new AbortController();
    try {
      const inputs = Array.from({ length: INPUTS }, (_, i) => `${server.url}/${i}`);
      const run = new Promise<number>((resolve, reject) => {
        let results = 0;
        // The sends answered before the first headers stop counting once they are older than
        // the attempt timeout: at most twice that (here 2 x 1 s) with none sent.
        fanout(inputs, { concurrency: 8, retry: 0, timeout: 1000, sharedLimits: new RedisLimits(redis.a, 'late-budget', { timeout: 1000 }), signal: abort.signal }).subscribe({
          next: () => results++,
          error: reject,
          complete: () => resolve(results),
        });
      });
      // A few seconds (2 s held back, then 100 at 45 a second) when it works. main 734eece and scale-speed3 5d0e9ac: stalled after the
      // first headers (the ~200 sends before them count against the budget for good), then one
      // burst of 8 per window + the 30 s fallback.
      const outcome = await Promise.race([run, sleep(20_000).then(() => `stalled at ${server.requests()} requests`)]);
      expect(outcome).toBe(INPUTS);
    } finally {
      abort.abort();
      server.close();
    }
  }, 60_000);
});
