import { expect, it } from 'vitest';
import { acknowledge } from '../src/follow-scripts.js';
import { storeResults } from '../src/job-scripts.js';
import { useRedisPair } from './redis-pair.js';
import { storedEntries } from './stored-entries.js';

const redis = useRedisPair();

/** Calls of `command` Redis has run so far (in scripts too). */
async function calls(command: string): Promise<number> {
  const info = await redis.a.info('commandstats');
  return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
}

it("the done and acknowledged bits of 1,000 results are set by one BITFIELD per 250, not a SETBIT each; a repeat is still refused", async () => {
  const base = 'fanout:job:bulk';
  await redis.a.hset(`${base}:meta`, 'state', 'enqueued', 'follower', 'token');
  const results = Array.from({ length: 1000 }, (_, i) => [i * 3, `{"index":${i * 3}}`, false] as const);
  expect(await storeResults(redis.a, 'bulk', results)).toEqual({ stored: 1000 });
  // Two of these are new (1 and 2), two are stored already.
  expect(await storeResults(redis.a, 'bulk', [[0, 'x', false], [1, '{"index":1}', false], [3, 'x', true], [2, '{"index":2}', true]])).toEqual({ stored: 2 });
  const entries = await storedEntries(redis.a, `${base}:stored`);
  expect(await acknowledge(redis.a, 'bulk', 'token', entries)).toBe('ok');
  expect(await redis.a.hmget(`${base}:meta`, 'stored', 'failed', 'followed')).toEqual(['1002', '1', '1002']);
  expect(await redis.a.bitcount(`${base}:done`)).toBe(1002);
  expect(await redis.a.bitcount(`${base}:acked`)).toBe(1002);
  expect(await redis.a.getbit(`${base}:done`, 2997)).toBe(1);
  expect(await redis.a.getbit(`${base}:done`, 2998)).toBe(0);
  expect(await calls('setbit')).toBe(0);
  // 5 to store, 5 to acknowledge, 5 to check that the 2 stream entries are wholly acknowledged.
  expect(await calls('bitfield')).toBeLessThanOrEqual(16);
});
