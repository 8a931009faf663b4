import { RateLimitedError } from '@fanout/core';
import { expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

it('a shared budget spent until an absurd reset fails the reservation at once (ERATELIMITED), past the run longest wait', async () => {
  await redis.a.hset('fanout:job:absurd:meta', 'created', Date.now());
  const limits = new RedisLimits(redis.a, 'absurd', { timeout: 2000 });
  await limits.reserve('h.test');
  // What the core announces for `X-RateLimit-Remaining: 0`, `X-RateLimit-Reset: 999999999999999`
  // (kept to 24.8 days at the header).
  limits.announceBudget('h.test', { remaining: 0, resetMs: 2_147_483_647 }, 1);
  const reserving = limits.reserve('h.test', undefined, 30_100);
  await expect(reserving).rejects.toBeInstanceOf(RateLimitedError);
  await expect(reserving).rejects.toMatchObject({ code: 'ERATELIMITED', host: 'h.test' });
});
