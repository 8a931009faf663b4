import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const due = { failures: 3, cooldown: 0 };
const LEASE = 600_000;

/** Script calls (EVAL and EVALSHA) Redis has run so far. */
async function scriptCalls(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

describe("the shared circuit's calls made in one turn go as one script call per host, and hold as one by one", () => {
  it('outcomes recorded in one turn count in order: a response in between resets the failures in a row', async () => {
    const one = new RedisLimits(redis.a, 'batched-record', {});
    const before = await scriptCalls(redis.a);
    await Promise.all(['unreachable', 'unreachable', 'response', 'unreachable', 'unreachable'].map((outcome) => one.circuitRecord('h:1', outcome as 'response' | 'unreachable', false, due)));
    expect((await scriptCalls(redis.a)) - before).toBe(1);
    expect(await redis.a.hgetall('fanout:job:batched-record:circuit:h:1')).toEqual({ failures: '2' });
    expect(await one.circuitAdmit('h:1', LEASE)).toEqual({ state: 'closed' });
    // The third in a row opens it, though it came in the same turn as responses before it.
    await Promise.all(['response', 'unreachable', 'unreachable', 'unreachable'].map((outcome) => one.circuitRecord('h:1', outcome as 'response' | 'unreachable', false, { failures: 3, cooldown: 600_000 })));
    expect(await one.circuitAdmit('h:1', LEASE)).toMatchObject({ state: 'open', failures: 3 });
    expect(await redis.a.pttl('fanout:job:batched-record:circuit:h:1')).toBeGreaterThan(3_600_000);
  });

  it('an open circuit due for a probe: of 6 attempts at once from each of two workers, exactly one is the probe', async () => {
    const one = new RedisLimits(redis.a, 'batched-probe', {});
    const two = new RedisLimits(redis.b, 'batched-probe', {});
    await Promise.all([1, 2, 3].map(() => one.circuitRecord('h:1', 'unreachable', false, due)));
    const before = await scriptCalls(redis.a);
    const admissions = await Promise.all([...Array.from({ length: 6 }, () => one.circuitAdmit('h:1', LEASE)), ...Array.from({ length: 6 }, () => two.circuitAdmit('h:1', LEASE))]);
    expect((await scriptCalls(redis.a)) - before).toBe(2);
    expect(admissions.filter((a) => a.state === 'probe')).toHaveLength(1);
    const open = admissions.filter((a) => a.state === 'open');
    expect(open).toHaveLength(11);
    open.forEach((a) => expect(a).toMatchObject({ failures: 3 }));
    open.forEach((a) => expect(a.state === 'open' && a.retryInMs).toBeGreaterThan(500_000));
  });
});
