import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

describe('with --per-host, no send slot is booked ahead (the engine never takes one: every attempt waits for a lease)', () => {
  it('8 bookings of a --per-host 8 job count 8 sends, not 8 + slots ahead that can only go stale', async () => {
    await redis.a.hset('fanout:job:leased:meta', 'state', 'enqueued');
    const limits = new RedisLimits(redis.a, 'leased', { perHost: 8 });
    await Promise.all(Array.from({ length: 8 }, () => limits.reserve('h:1')));
    // Read at once (before any stale slot is given back): a SIGKILLed worker never gives them back.
    expect(await redis.a.hget('fanout:job:leased:ratelimit:h:1', 'sent')).toBe('8');
    await sleep(100);
  });
});
