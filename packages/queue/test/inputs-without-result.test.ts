import { expect, it } from 'vitest';
import { inputsWithoutResult } from '../src/job-scripts.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

it("a chunk's inputs without a result are the done bitmap's clear bits in its range, read in one command", async () => {
  const done = 'fanout:job:todo:done';
  // Set bits on both sides of the chunk's ends and of byte edges; none past index 1200.
  const set = [0, 7, 8, 9, 15, 500, 501, 503, 511, 512, 999, 1000, 1007, 1200];
  for (const index of set) await redis.a.setbit(done, index, 1);
  const expected = (start: number, count: number) => Array.from({ length: count }, (_, i) => start + i).filter((index) => !set.includes(index));
  for (const [start, count] of [[0, 16], [3, 10], [500, 500], [501, 7], [1000, 500], [5000, 3], [9, 0]] as const) {
    expect(await inputsWithoutResult(redis.a, 'todo', start, count)).toEqual(expected(start, count));
  }
  // A job with no result yet: every input.
  expect(await inputsWithoutResult(redis.a, 'nothing-yet', 10, 4)).toEqual([10, 11, 12, 13]);
  const info = await redis.a.info('commandstats');
  expect(info).not.toMatch(/cmdstat_getbit:/);
});
