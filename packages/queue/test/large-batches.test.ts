import { expect, it } from 'vitest';
import { acknowledge, takeLines } from '../src/follow-scripts.js';
import { storeResults } from '../src/job-scripts.js';
import { useRedisPair } from './redis-pair.js';
import { storedEntries } from './stored-entries.js';

const redis = useRedisPair();

it('3,000 results stored in one call and acknowledged in one: each stored once, then gone from Redis', async () => {
  const base = 'fanout:job:large';
  await redis.a.hset(`${base}:meta`, 'state', 'enqueued', 'follower', 'token');
  const results = Array.from({ length: 3000 }, (_, i) => [i, `{"index":${i}}`, i % 7 === 0] as const);
  expect(await storeResults(redis.a, 'large', results)).toEqual({ stored: 3000 });
  expect(await storeResults(redis.a, 'large', results.slice(0, 10))).toEqual({ stored: 0 });
  expect(await redis.a.hmget(`${base}:meta`, 'stored', 'failed')).toEqual(['3000', String(Math.ceil(3000 / 7))]);

  // Stored together: in 3 stream entries of 1000 (a follower takes them together).
  expect(await redis.a.xlen(`${base}:stored`)).toBe(3);
  const entries = await storedEntries(redis.a, `${base}:stored`);
  expect(entries.map(([index]) => index)).toEqual(results.map(([index]) => index));
  expect(await takeLines(redis.a, 'large', entries.map(([index]) => index))).toEqual(results.map(([, line]) => line));

  expect(await acknowledge(redis.a, 'large', 'token', entries)).toBe('ok');
  expect(await redis.a.hget(`${base}:meta`, 'followed')).toBe('3000');
  expect(await redis.a.exists(`${base}:results`)).toBe(0);
  expect(await redis.a.xlen(`${base}:stored`)).toBe(0);
  expect(await redis.a.bitcount(`${base}:acked`)).toBe(3000);
  expect(new Set(await takeLines(redis.a, 'large', [0, 1500, 2999]))).toEqual(new Set([null]));
});
