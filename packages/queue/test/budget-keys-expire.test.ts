import { expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

it('a host that announces no budget leaves only a key that expires once no request can be in flight', async () => {
  await redis.a.hset('fanout:job:quiet:meta', 'created', Date.now());
  const limits = new RedisLimits(redis.a, 'quiet', { timeout: 2000 });
  for (let i = 0; i < 50; i++) await limits.reserve(`host-${i}.test`);

  const keys = await redis.a.keys('fanout:job:quiet:ratelimit:*');
  expect(keys).toHaveLength(50);
  const ttls = await Promise.all(keys.map((key) => redis.a.pttl(key)));
  // The attempt timeout and a second: then every request sent has ended.
  expect(ttls.every((ttl) => ttl > 0 && ttl <= 3000)).toBe(true);
});
