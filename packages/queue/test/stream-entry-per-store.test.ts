import { expect, it } from 'vitest';
import { acknowledge } from '../src/follow-scripts.js';
import { storeResults } from '../src/job-scripts.js';
import { useRedisPair } from './redis-pair.js';
import { storedEntries } from './stored-entries.js';

const redis = useRedisPair();

it('results stored together get one stream entry; it goes once every index in it is acknowledged, not before', async () => {
  const base = 'fanout:job:entries';
  await redis.a.hset(`${base}:meta`, 'state', 'enqueued', 'follower', 'token');
  await storeResults(redis.a, 'entries', Array.from({ length: 200 }, (_, i) => [i, `{"index":${i}}`, false] as const));
  await storeResults(redis.a, 'entries', Array.from({ length: 200 }, (_, i) => [200 + i, `{"index":${200 + i}}`, false] as const));
  expect(await redis.a.xlen(`${base}:stored`)).toBe(2);
  const entries = await storedEntries(redis.a, `${base}:stored`);
  expect(entries).toHaveLength(400);
  // A follower stopped after 250 lines: the first entry goes, the second stays for the next.
  expect(await acknowledge(redis.a, 'entries', 'token', entries.slice(0, 250))).toBe('ok');
  expect(await redis.a.xlen(`${base}:stored`)).toBe(1);
  expect(await redis.a.hlen(`${base}:results`)).toBe(150);
  expect(await acknowledge(redis.a, 'entries', 'token', entries.slice(250))).toBe('ok');
  expect(await redis.a.xlen(`${base}:stored`)).toBe(0);
  expect(await redis.a.hget(`${base}:meta`, 'followed')).toBe('400');
  const info = await redis.a.info('commandstats');
  expect(Number(/^cmdstat_xadd:calls=(\d+)/m.exec(info)?.[1])).toBe(2);
});
