import { expect, it } from 'vitest';
import { RedisHostLeases } from '../src/redis-host-leases.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

it("two chunks of one worker (one owner) hold the per-host limit together: the second waits for the first's leases", async () => {
  const key = () => 'fanout:job:one-owner:leases:h:1';
  const first = new RedisHostLeases(redis.a, key, 'worker-1', 60_000);
  const second = new RedisHostLeases(redis.a, key, 'worker-1', 60_000);
  try {
    const releases = [await first.acquire('h:1', 2, new AbortController().signal), await first.acquire('h:1', 2, new AbortController().signal)];
    expect(await redis.a.zcard(key())).toBe(2);
    // The limit is reached: the second chunk's request waits (here until it gives up).
    await expect(second.acquire('h:1', 2, AbortSignal.timeout(300))).rejects.toThrow();
    expect(await redis.a.zcard(key())).toBe(2);
    // One of the first's released: the second gets it; the first's other lease is still counted.
    releases[0]?.();
    const third = await second.acquire('h:1', 2, AbortSignal.timeout(10_000));
    expect(await redis.a.zcard(key())).toBe(2);
    third();
    releases[1]?.();
    await expect.poll(() => redis.a.zcard(key())).toBe(0);
  } finally {
    first.close();
    second.close();
  }
});
