import { describe, expect, it, vi } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

// Cool-down 0: an open circuit is due for a probe at once. 600 s: it stays open for the test.
const due = { failures: 2, cooldown: 0 };
const long = { failures: 2, cooldown: 600_000 };
const LEASE = 600_000;

/** Two workers of one job, with the host's circuit opened by the first. */
async function openedCircuit(job: string): Promise<[RedisLimits, RedisLimits]> {
  const one = new RedisLimits(redis.a, job, {});
  const two = new RedisLimits(redis.b, job, {});
  await one.circuitRecord('h:1', 'unreachable', false, due);
  expect(await two.circuitAdmit('h:1', LEASE)).toEqual({ state: 'closed' });
  await two.circuitRecord('h:1', 'unreachable', false, due);
  return [one, two];
}

describe('the shared circuit breaker lets one probe at a time go, across workers', () => {
  it('after the cool-down one worker gets the probe, every other attempt fails fast; a success closes the circuit', async () => {
    const [one, two] = await openedCircuit('probe-success');
    expect(await one.circuitAdmit('h:1', LEASE)).toEqual({ state: 'probe' });
    expect(await two.circuitAdmit('h:1', LEASE)).toMatchObject({ state: 'open', failures: 2 });
    expect(await one.circuitAdmit('h:1', LEASE)).toMatchObject({ state: 'open' });
    expect(await two.circuitAdmit('other:2', LEASE)).toEqual({ state: 'closed' });
    await one.circuitRecord('h:1', 'response', true, due);
    expect(await two.circuitAdmit('h:1', LEASE)).toEqual({ state: 'closed' });
    expect(await redis.a.exists('fanout:job:probe-success:circuit:h:1')).toBe(0);
  });

  it("a failed probe opens the circuit for another cool-down; a probe that ended otherwise frees the probe", async () => {
    const [one, two] = await openedCircuit('probe-failure');
    expect(await one.circuitAdmit('h:1', LEASE)).toEqual({ state: 'probe' });
    await one.circuitRecord('h:1', 'other', true, due); // e.g. cancelled: no verdict on the host
    expect(await two.circuitAdmit('h:1', LEASE)).toEqual({ state: 'probe' });
    await two.circuitRecord('h:1', 'unreachable', true, long);
    const reopened = await one.circuitAdmit('h:1', LEASE);
    expect(reopened).toMatchObject({ state: 'open', failures: 3 });
    expect(reopened.state === 'open' && reopened.retryInMs).toBeGreaterThan(500_000);
  });

  it('the probe of a worker that died frees itself when its lease expires', async () => {
    const [one, two] = await openedCircuit('probe-lease');
    expect(await one.circuitAdmit('h:1', 50)).toEqual({ state: 'probe' }); // and `one` never records
    expect(await two.circuitAdmit('h:1', LEASE)).toMatchObject({ state: 'open' });
    await vi.waitFor(async () => expect(await two.circuitAdmit('h:1', LEASE)).toEqual({ state: 'probe' }), { timeout: 15_000, interval: 20 });
  }, 20_000);
});
