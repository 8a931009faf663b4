import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { FRESH_ADMISSION_MS } from '../src/fresh-admissions.js';
import { RedisLimits } from '../src/index.js';
import { giveBackBookedAhead, hostsBookedAhead } from '../src/redis-limits.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const opens = { failures: 3, cooldown: 600_000 };

/** Script calls (EVAL and EVALSHA) Redis has run so far. */
async function scriptCalls(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

async function job(name: string): Promise<void> {
  await redis.a.hset(`fanout:job:${name}:meta`, 'state', 'enqueued');
}

/** Takes every slot booked ahead for `host` now (in one turn: the top-up goes after). */
function takeAll(limits: RedisLimits, host: string): number {
  let taken = 0;
  while (limits.takeBooked(host)) taken++;
  return taken;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await sleep(10);
  expect(await check()).toBe(true);
}

describe('while nothing holds a host back, bookings book send slots ahead: most requests ask Redis nothing', () => {
  it('8 requests found none: their booking books 8 more ahead, taken without a script call, each counted as sent; the unsent are given back', async () => {
    await job('ahead');
    const one = new RedisLimits(redis.a, 'ahead', {});
    expect(one.takeBooked('h:1')).toBe(false);
    expect(await Promise.all(Array.from({ length: 8 }, () => one.reserve('h:1')))).toEqual(Array(8).fill(0));
    const before = await scriptCalls(redis.a);
    expect(takeAll(one, 'h:1')).toBe(8);
    // Issued in the same turn as the takes: runs before the top-up they asked for.
    expect((await scriptCalls(redis.a)) - before).toBe(0);
    // The top-up booked 8 more ahead: 24 counted as sent, until they go unsent for 25 ms.
    await until(async () => (await redis.a.hget('fanout:job:ahead:ratelimit:h:1', 'sent')) === '24');
    await until(async () => (await redis.a.hget('fanout:job:ahead:ratelimit:h:1', 'sent')) === '16');
    expect(takeAll(one, 'h:1')).toBe(0);
  });

  it('a stopping worker gives the unsent back at once', async () => {
    await job('ahead-stop');
    const one = new RedisLimits(redis.a, 'ahead-stop', {});
    await Promise.all(Array.from({ length: 8 }, () => one.reserve('h:1')));
    expect(await redis.a.hget('fanout:job:ahead-stop:ratelimit:h:1', 'sent')).toBe('16');
    await giveBackBookedAhead(redis.a);
    expect(await redis.a.hget('fanout:job:ahead-stop:ratelimit:h:1', 'sent')).toBe('8');
    expect(one.takeBooked('h:1')).toBe(false);
  });

  it(`slots booked ahead go only within ${FRESH_ADMISSION_MS} ms: a pause another worker set is seen after that`, async () => {
    await job('ahead-pause');
    const one = new RedisLimits(redis.a, 'ahead-pause', {});
    const two = new RedisLimits(redis.b, 'ahead-pause', {});
    await Promise.all(Array.from({ length: 8 }, () => one.reserve('h:1')));
    two.pause('h:1', 60_000);
    await redis.b.ping();
    await sleep(FRESH_ADMISSION_MS + 5);
    expect(one.takeBooked('h:1')).toBe(false);
    expect(await one.reserve('h:1')).toBeGreaterThan(50_000);
  });

  it('none are booked ahead while a rate, a pause, an announced budget or an open circuit holds the host', async () => {
    await job('held');
    const rated = new RedisLimits(redis.a, 'held', { perHostRate: 1000 });
    const ratedAll = new RedisLimits(redis.a, 'held', { rate: 1000 });
    const one = new RedisLimits(redis.a, 'held', {});
    const two = new RedisLimits(redis.b, 'held', {});
    two.pause('h:paused', 60_000);
    two.announceBudget('h:budget', { remaining: 100, resetMs: 60_000, limit: 100 }, 0);
    await Promise.all([1, 2, 3].map(() => two.circuitRecord('h:open', 'unreachable', false, opens)));
    for (const [limits, host] of [[rated, 'h:rated'], [ratedAll, 'h:rated-all'], [one, 'h:paused'], [one, 'h:budget'], [one, 'h:open']] as const) {
      await Promise.all(Array.from({ length: 8 }, () => limits.reserve(host)));
      expect(takeAll(limits, host), host).toBe(0);
    }
    // Sent counts only the slots booked: 8 under the budget.
    expect(await redis.a.hget('fanout:job:held:ratelimit:h:budget', 'sent')).toBe('8');
  });

  it("this worker's own pause, budget or unreachable host drops the slots it booked ahead", async () => {
    await job('dropped');
    const one = new RedisLimits(redis.a, 'dropped', {});
    const cases: Array<[string, () => void]> = [
      ['h:paused', () => one.pause('h:paused', 60_000)],
      ['h:budget', () => one.announceBudget('h:budget', { remaining: 100, resetMs: 60_000, limit: 100 }, 0)],
      ['h:unreachable', () => void one.circuitRecord('h:unreachable', 'unreachable', false, opens)],
    ];
    for (const [host, holdBack] of cases) {
      await Promise.all(Array.from({ length: 8 }, () => one.reserve(host)));
      holdBack();
      expect(one.takeBooked(host), host).toBe(false);
    }
  });
});

describe('a worker keeps booking state only for the hosts with slots booked ahead', () => {
  it('200 hosts booked once each (a rated job books none ahead; a free one gives them back): none left after', async () => {
    await job('many');
    const rated = new RedisLimits(redis.b, 'many', { perHostRate: 1000 });
    const free = new RedisLimits(redis.b, 'many', {});
    await Promise.all(Array.from({ length: 100 }, (_, i) => rated.reserve(`r:${i}`)));
    expect(hostsBookedAhead(redis.b)).toBe(0);
    await Promise.all(Array.from({ length: 100 }, (_, i) => free.reserve(`f:${i}`)));
    expect(hostsBookedAhead(redis.b)).toBe(100);
    await until(async () => hostsBookedAhead(redis.b) === 0);
    expect(await redis.b.hget('fanout:job:many:ratelimit:f:7', 'sent')).toBe('1');
  });
});

describe('every response is recorded to the shared circuit (circuit-response-between-failures.test.ts: also right after a booking)', () => {
  it("a probe's response is recorded", async () => {
    await job('clean-probe');
    const one = new RedisLimits(redis.a, 'clean-probe', {});
    await one.reserve('h:1');
    const before = await scriptCalls(redis.a);
    await one.circuitRecord('h:1', 'response', true, opens);
    expect((await scriptCalls(redis.a)) - before).toBe(1);
  });
});
