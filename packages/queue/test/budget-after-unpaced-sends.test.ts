import { expect, it } from 'vitest';
import { RateLimitedError } from '@fanout/core';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

// Found by an attacker: a host answered 800 requests without rate-limit headers, then started
// announcing `limit=50, w=1`. Redis had counted those 800 sends as in flight for good (a worker
// tells answers only while a budget holds the host back), so every worker waited for answers
// that had come long before: 48 requests every 11 s, for good, to a host that took 50 a second.
it('sends never told as ended stop holding a budget back once they are older than the attempt timeout', async () => {
  await redis.a.hset('fanout:job:late-budget:meta', 'state', 'enqueued');
  const one = new RedisLimits(redis.a, 'late-budget', { timeout: 300 });
  const two = new RedisLimits(redis.b, 'late-budget', { timeout: 300 });
  // 100 requests, answered without any budget: nothing is told to Redis.
  await Promise.all(Array.from({ length: 50 }, () => one.reserve('h:1')));
  await Promise.all(Array.from({ length: 50 }, () => two.reserve('h:1')));
  // Then the host announces 10 more until its reset a minute away (one answer told).
  one.announceBudget('h:1', { remaining: 10, resetMs: 60_000, limit: 10 }, 1);
  await redis.a.ping();

  // 10 go once the 99 untold are past the 300 ms timeout (before the fix: none until the reset,
  // so each booking failed at once, the reset being past its longest wait).
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : two).reserve('h:1', undefined, 10_000)));
  expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : String(o.reason)))).toEqual(Array.from({ length: 10 }, () => 0));

  // The host answers those 10 with nothing left: the next waits for the reset, past its longest wait.
  two.announceBudget('h:1', { remaining: 0, resetMs: 60_000, limit: 10 }, 10);
  await redis.b.ping();
  await expect(one.reserve('h:1', undefined, 10_000)).rejects.toBeInstanceOf(RateLimitedError);
  expect(await redis.a.hget('fanout:job:late-budget:ratelimit:h:1', 'sent')).toBe('11');
}, 30_000);
