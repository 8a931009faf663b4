import { describe, expect, it } from 'vitest';
import { openRedis, parseQueueUrl, QueueUnavailableError, RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

describe('RedisLimits: limits shared by workers through Redis', () => {
  it('books per-host send slots 1/rate apart across two workers, hosts apart', async () => {
    const one = new RedisLimits(redis.a, 'slots', { perHostRate: 10 });
    const two = new RedisLimits(redis.b, 'slots', { perHostRate: 10 });
    const started = performance.now();
    const waits = [await one.reserve('h:1'), await two.reserve('h:1'), await one.reserve('h:1'), await two.reserve('h:1')];
    const elapsed = performance.now() - started;
    expect(waits[0]).toBe(0);
    // Each booking is 100 ms after the previous one, whichever worker made it: booking n waits
    // 100 n ms less the time that passed since the first (on a busy machine, much of it).
    waits.slice(1).forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(100 * (i + 1) - elapsed - 5));
    expect(Math.max(...waits.slice(1))).toBeGreaterThan(0);
    expect(await one.reserve('other:2')).toBe(0);
  });

  it('a pause set by one worker holds back the other', async () => {
    const one = new RedisLimits(redis.a, 'pause', {});
    const two = new RedisLimits(redis.b, 'pause', {});
    one.pause('h:1', 2000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await two.reserve('h:1')).toBeGreaterThan(1500);
    expect(await two.reserve('h:2')).toBe(0);
  });

  it('the retry budget is one for all workers: 10 + 20% of the inputs recorded by any of them', async () => {
    const one = new RedisLimits(redis.a, 'budget', {});
    const two = new RedisLimits(redis.b, 'budget', {});
    // A job that is gone from Redis grants none (and leaves no key behind).
    expect(await one.tryTakeRetry()).toBe(false);
    expect(await redis.a.exists('fanout:job:budget:budget')).toBe(0);
    await redis.a.hset('fanout:job:budget:meta', 'state', 'enqueued');
    for (let i = 0; i < 50; i++) (i % 2 ? one : two).recordRequest();
    await one.flush();
    await two.flush();
    let granted = 0;
    for (let i = 0; i < 40; i++) if (await (i % 2 ? one : two).tryTakeRetry()) granted++;
    expect(granted).toBe(10 + 0.2 * 50);
  });

  it('an unreachable Redis is a QueueUnavailableError naming the URL and the cause', async () => {
    await expect(openRedis(parseQueueUrl('redis://127.0.0.1:1/0'))).rejects.toThrow(QueueUnavailableError);
    await expect(openRedis(parseQueueUrl('redis://127.0.0.1:1/0'))).rejects.toThrow(/redis:\/\/127\.0\.0\.1:1\/0 \(ECONNREFUSED\)/);
  });
});
