import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { FRESH_ADMISSION_MS, FreshAdmissions } from '../src/fresh-admissions.js';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const LEASE = 600_000;
const opens = { failures: 3, cooldown: 600_000 };

/** Script calls (EVAL and EVALSHA) Redis has run so far. */
async function scriptCalls(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

async function openCircuit(limits: RedisLimits, host: string): Promise<void> {
  await Promise.all([1, 2, 3].map(() => limits.circuitRecord(host, 'unreachable', false, opens)));
}

describe("an attempt's admission is answered by its booking's read of the circuit, when fresh and closed", () => {
  it('booked with the circuit closed: the admission that follows asks Redis nothing; one more asks it', async () => {
    await redis.a.hset('fanout:job:fresh:meta', 'state', 'enqueued');
    const one = new RedisLimits(redis.a, 'fresh', {});
    expect(await one.reserve('h:1')).toBe(0);
    const before = await scriptCalls(redis.a);
    expect(await one.circuitAdmit('h:1', LEASE)).toEqual({ state: 'closed' });
    expect((await scriptCalls(redis.a)) - before).toBe(0);
    expect(await one.circuitAdmit('h:1', LEASE)).toEqual({ state: 'closed' });
    expect((await scriptCalls(redis.a)) - before).toBe(1);
  });

  it('booked with the circuit open: the admission asks Redis, and fails fast', async () => {
    await redis.a.hset('fanout:job:fresh-open:meta', 'state', 'enqueued');
    const one = new RedisLimits(redis.a, 'fresh-open', {});
    const two = new RedisLimits(redis.b, 'fresh-open', {});
    await openCircuit(two, 'h:1');
    expect(await one.reserve('h:1')).toBe(0);
    expect(await one.circuitAdmit('h:1', LEASE)).toMatchObject({ state: 'open', failures: 3 });
  });

  it(`a read older than ${FRESH_ADMISSION_MS} ms answers nothing: a circuit another worker opened since is seen`, async () => {
    await redis.a.hset('fanout:job:fresh-stale:meta', 'state', 'enqueued');
    const one = new RedisLimits(redis.a, 'fresh-stale', {});
    const two = new RedisLimits(redis.b, 'fresh-stale', {});
    expect(await one.reserve('h:1')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, FRESH_ADMISSION_MS + 15));
    await openCircuit(two, 'h:1');
    expect(await one.circuitAdmit('h:1', LEASE)).toMatchObject({ state: 'open', failures: 3 });
  });

  it('each read answers one admission, oldest first; stale ones are dropped; other hosts are apart', () => {
    const fresh = new FreshAdmissions();
    fresh.closed('h:1', 0);
    expect(fresh.take('h:1', FRESH_ADMISSION_MS + 1)).toBe(false);
    fresh.closed('h:1', 100);
    fresh.closed('h:1', 101);
    fresh.closed('h:2', 101);
    expect(fresh.take('h:1', 110)).toBe(true);
    expect(fresh.take('h:1', 110)).toBe(true);
    expect(fresh.take('h:1', 110)).toBe(false);
    expect(fresh.take('h:2', 110)).toBe(true);
    expect(fresh.take('h:2', 110)).toBe(false);
  });
});
