import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const opensAtTwo = { failures: 2, cooldown: 600_000 };

afterEach(() => {
  vi.useRealTimers();
});

describe('the shared circuit counts failures in a row: a response between two failures resets it, whichever worker got it', () => {
  it('worker A booked (no failures yet), worker B fails, A gets a response, B fails: 1 in a row, the circuit stays closed', async () => {
    // performance.now() stands still: every step below is "just after" A's booking, as it is at
    // thousands of requests a second (the 25 ms window), however busy this machine is.
    vi.useFakeTimers({ toFake: ['performance'] });
    await redis.a.hset('fanout:job:between:meta', 'state', 'enqueued');
    const workerA = new RedisLimits(redis.a, 'between', {});
    const workerB = new RedisLimits(redis.b, 'between', {});
    expect(await workerA.reserve('h:1')).toBe(0);
    await workerB.circuitRecord('h:1', 'unreachable', false, opensAtTwo);
    await workerA.circuitRecord('h:1', 'response', false, opensAtTwo);
    await workerB.circuitRecord('h:1', 'unreachable', false, opensAtTwo);
    expect(await redis.a.hget('fanout:job:between:circuit:h:1', 'failures')).toBe('1');
    expect(await redis.a.hexists('fanout:job:between:circuit:h:1', 'openUntil')).toBe(0);
  });
});
