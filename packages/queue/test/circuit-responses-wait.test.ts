import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { RESPONSES_WAIT_MS } from '../src/circuit-records.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const opensAtThree = { failures: 3, cooldown: 600_000 };

/** Script calls (EVAL and EVALSHA) Redis has run so far. */
async function scriptCalls(client: Redis): Promise<number> {
  const info = await client.info('commandstats');
  return [...info.matchAll(/^cmdstat_(?:eval|evalsha):calls=(\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("a healthy host's responses are recorded to the shared circuit together, within RESPONSES_WAIT_MS; failures at the end of their turn", () => {
  it('100 responses over 10 turns: one script call once the wait is over, none before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const worker = new RedisLimits(redis.a, 'responses-wait', {});
    const before = await scriptCalls(redis.b);
    const recorded: Array<Promise<void>> = [];
    for (let turn = 0; turn < 10; turn++) {
      for (let i = 0; i < 10; i++) recorded.push(worker.circuitRecord('h:1', 'response', false, opensAtThree));
      await nextTurn();
    }
    expect((await scriptCalls(redis.b)) - before).toBe(0);
    await vi.advanceTimersByTimeAsync(RESPONSES_WAIT_MS);
    await Promise.all(recorded);
    expect((await scriptCalls(redis.b)) - before).toBe(1);
  });

  it('a failure goes at the end of its turn, after the responses waiting before it, in order', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const worker = new RedisLimits(redis.a, 'failure-at-turn-end', {});
    const circuit = 'fanout:job:failure-at-turn-end:circuit:h:1';
    await Promise.all([1, 2].map(() => worker.circuitRecord('h:1', 'unreachable', false, opensAtThree)));
    expect(await redis.b.hget(circuit, 'failures')).toBe('2');
    // A response waits (no timer has fired), then a failure in a later turn takes it along: the
    // response resets the two before, so the circuit counts 1, not 3 (which would open it).
    const response = worker.circuitRecord('h:1', 'response', false, opensAtThree);
    await nextTurn();
    expect(await redis.b.hget(circuit, 'failures')).toBe('2');
    await worker.circuitRecord('h:1', 'unreachable', false, opensAtThree);
    await response;
    expect(await redis.b.hgetall(circuit)).toEqual({ failures: '1' });
  });

  it("a chunk's end (flush) sends the responses still waiting", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const worker = new RedisLimits(redis.a, 'flushed', {});
    const circuit = 'fanout:job:flushed:circuit:h:1';
    await worker.circuitRecord('h:1', 'unreachable', false, opensAtThree);
    void worker.circuitRecord('h:1', 'response', false, opensAtThree);
    expect(await redis.b.exists(circuit)).toBe(1);
    await worker.flush();
    expect(await redis.b.exists(circuit)).toBe(0);
  });
});
