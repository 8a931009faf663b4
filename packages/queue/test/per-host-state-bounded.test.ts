import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { hostsBookedAhead } from '../src/redis-limits.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const HOSTS = 20_000;
const PER_CHUNK = 100;
const breaker = { failures: 5, cooldown: 10_000 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('a worker keeps no state per host once the chunks that sent to it are done', () => {
  it(`${HOSTS} hosts, one request each (a crawl of distinct sites): the worker's heap grows by well under 200 bytes a host`, async () => {
    await redis.a.hset('fanout:job:crawl:meta', 'state', 'enqueued');
    const before = heapAfterGc();
    for (let chunk = 0; chunk < HOSTS / PER_CHUNK; chunk++) {
      // As the worker does: one RedisLimits per chunk, on the worker's one connection.
      const limits = new RedisLimits(redis.a, 'crawl', {});
      await Promise.all(
        Array.from({ length: PER_CHUNK }, async (_, i) => {
          const host = `site-${chunk * PER_CHUNK + i}.example:443`;
          await limits.reserve(host);
          await limits.circuitRecord(host, 'response', false, breaker);
        }),
      );
    }
    // Every slot booked ahead has gone stale and been given back (polled: a busy machine is slower).
    for (let i = 0; i < 1000 && hostsBookedAhead(redis.a) > 0; i++) await sleep(10);
    expect(hostsBookedAhead(redis.a)).toBe(0);
    const grown = heapAfterGc() - before;
    // main 734eece: ~13-49 bytes a host; scale-speed3 5d0e9ac: ~500 (a pool and a clean-read entry per host, kept for ever).
    expect(grown / HOSTS).toBeLessThan(200);
  }, 120_000);
});
