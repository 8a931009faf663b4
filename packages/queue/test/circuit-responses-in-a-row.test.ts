import { describe, expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { useRedisPair } from './redis-pair.js';
import { scriptArguments } from './script-arguments.js';

const redis = useRedisPair();
const opensAtThree = { failures: 3, cooldown: 600_000 };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("a turn's outcomes go to the shared circuit as one script call, responses in a row as one", () => {
  it('100 responses in one turn: one call carrying one response (the same effect as 100)', async () => {
    const worker = new RedisLimits(redis.a, 'responses-in-a-row', {});
    const calls = await scriptArguments(redis.b, redis.a, () => Promise.all(Array.from({ length: 100 }, () => worker.circuitRecord('h:1', 'response', false, opensAtThree))));
    expect(calls).toHaveLength(1);
    // EVALSHA sha numkeys key failures cooldown, then one (outcome, probe) pair.
    expect(calls[0]?.slice(4)).toEqual(['3', '600000', 'response', '0']);
  });

  it('failure, response, response, failure: in order, so the responses reset the first failure (1 in a row)', async () => {
    const worker = new RedisLimits(redis.a, 'in-order', {});
    const circuit = 'fanout:job:in-order:circuit:h:1';
    await Promise.all([1, 2].map(() => worker.circuitRecord('h:1', 'unreachable', false, opensAtThree)));
    const outcomes = ['unreachable', 'response', 'response', 'unreachable'] as const;
    const calls = await scriptArguments(redis.b, redis.a, () => Promise.all(outcomes.map((outcome) => worker.circuitRecord('h:1', outcome, false, opensAtThree))));
    expect(calls.map((call) => call.slice(6))).toEqual([['unreachable', '0', 'response', '0', 'unreachable', '0']]);
    expect(await redis.a.hgetall(circuit)).toEqual({ failures: '1' });
  });

  it("a response is not held past its turn: another worker's failures after it find it recorded", async () => {
    const workerA = new RedisLimits(redis.a, 'not-held', {});
    const workerB = new RedisLimits(redis.b, 'not-held', {});
    const circuit = 'fanout:job:not-held:circuit:h:1';
    await Promise.all([1, 2].map(() => workerB.circuitRecord('h:1', 'unreachable', false, opensAtThree)));
    const response = workerA.circuitRecord('h:1', 'response', false, opensAtThree);
    await nextTurn();
    await nextTurn();
    // A's response went at the end of its turn: recorded, with no timer run, before B's next failure is made.
    expect(await redis.b.exists(circuit)).toBe(0);
    await response;
    await workerB.circuitRecord('h:1', 'unreachable', false, opensAtThree);
    expect(await redis.a.hgetall(circuit)).toEqual({ failures: '1' });
  });
});
