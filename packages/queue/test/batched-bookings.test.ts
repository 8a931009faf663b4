import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '@fanout/core';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

/** Script calls (EVAL and EVALSHA) Redis has run so far. */
async function scriptCalls(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

describe('bookings made in one turn go to Redis as one script call per host, and hold as one by one', () => {
  it('8 bookings at once from each of two workers: 16 distinct slots 1/rate apart, in 2 script calls', async () => {
    await redis.a.hset('fanout:job:batched-rate:meta', 'state', 'enqueued');
    const one = new RedisLimits(redis.a, 'batched-rate', { perHostRate: 10 });
    const two = new RedisLimits(redis.b, 'batched-rate', { perHostRate: 10 });
    const before = await scriptCalls(redis.a);
    const started = performance.now();
    const [ones, twos] = await Promise.all([Promise.all(Array.from({ length: 8 }, () => one.reserve('h:1'))), Promise.all(Array.from({ length: 8 }, () => two.reserve('h:1')))]);
    const elapsed = performance.now() - started;
    expect((await scriptCalls(redis.a)) - before).toBe(2);
    // Each worker's slots are 100 ms apart (the waits are truncated to whole ms), and the other
    // worker's come after them: the last is 16 slots after the first, less the time between.
    for (const waits of [ones, twos]) waits.slice(1).forEach((wait, i) => expect(Math.abs(wait - (waits[i] as number) - 100)).toBeLessThanOrEqual(1));
    expect(Math.max(...ones, ...twos)).toBeGreaterThanOrEqual(1500 - elapsed - 5);
    expect(await redis.a.hget('fanout:job:batched-rate:ratelimit:h:1', 'sent')).toBe('16');
  });

  it("an announced budget of 3: of 5 bookings at once from each of two workers, exactly 3 go; the others wait (here: fail, the reset being past the longest wait)", async () => {
    await redis.a.hset('fanout:job:batched-budget:meta', 'state', 'enqueued');
    const one = new RedisLimits(redis.a, 'batched-budget', {});
    const two = new RedisLimits(redis.b, 'batched-budget', {});
    one.announceBudget('h:1', { remaining: 3, resetMs: 60_000, limit: 3 }, 0);
    await redis.a.ping(); // the announcement has run (commands on one connection run in order)
    const outcomes = await Promise.allSettled([...Array.from({ length: 5 }, () => one.reserve('h:1', undefined, 1000)), ...Array.from({ length: 5 }, () => two.reserve('h:1', undefined, 1000))]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(7);
    refused.forEach((o) => expect(o.reason).toBeInstanceOf(RateLimitedError));
    expect(await redis.a.hget('fanout:job:batched-budget:ratelimit:h:1', 'sent')).toBe('3');
  });
});
