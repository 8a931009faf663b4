import { expect, it } from 'vitest';
import { followResultBatches, followResults } from '../src/index.js';
import { acknowledgeAndTake, acknowledgePending } from '../src/follow-scripts.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.end());

/** A complete job of 10 results stored together (one stream entry), index 3's line gone from Redis. */
async function storedJob(job: string): Promise<void> {
  const keys = jobKeys(job);
  await q.redis.hset(keys.meta, { state: 'enqueued', total: 10, chunks: 1, ttl: 60 });
  await storeResults(q.redis, job, Array.from({ length: 10 }, (_, i) => [i, `{"index":${i}}`, false] as const));
  await q.redis.hdel(keys.results, '3');
  await q.redis.hset(keys.meta, 'state', 'complete');
}

async function indexesFollowed(job: string): Promise<number[]> {
  const indexes: number[] = [];
  for await (const line of followResults(q.url, job, { waitMs: 100 })) indexes.push((JSON.parse(line) as { index: number }).index);
  return indexes;
}

it('a follower stopped after the line of index 5 acknowledges the entries up to it (the missing 3 too), and the next one writes 6 to 9', async () => {
  await storedJob('mid');
  const lines = followResults(q.url, 'mid', { waitMs: 100 });
  const taken: number[] = [];
  for await (const line of lines) {
    taken.push((JSON.parse(line) as { index: number }).index);
    if (taken.at(-1) === 5) break; // return(): the lines taken were written
  }
  expect(taken).toEqual([0, 1, 2, 4, 5]);
  expect(await q.redis.hget(jobKeys('mid').meta, 'followed')).toBe('6');
  expect(await indexesFollowed('mid')).toEqual([6, 7, 8, 9]);
}, 30_000);

it('followResultBatches yields the batch as one text of newline-ended lines, without the missing one, acknowledged once the next is asked for', async () => {
  await storedJob('whole');
  const texts: string[] = [];
  for await (const text of followResultBatches(q.url, 'whole', { waitMs: 100 })) texts.push(text.toString());
  expect(texts).toEqual([[0, 1, 2, 4, 5, 6, 7, 8, 9].map((i) => `{"index":${i}}\n`).join('')]);
  expect(await q.redis.hget(jobKeys('whole').meta, 'followed')).toBe('10');
  expect(await q.redis.exists(jobKeys('whole').results, jobKeys('whole').pending)).toBe(0);
  expect(await indexesFollowed('whole')).toEqual([]);
}, 30_000);

it('a follower stopped while its take was on its way acknowledges nothing of the batch that take recorded (it wrote none of it)', async () => {
  const keys = jobKeys('race');
  await q.redis.hset(keys.meta, { state: 'enqueued', total: 10, chunks: 1, ttl: 60, follower: 'me' });
  await storeResults(q.redis, 'race', Array.from({ length: 5 }, (_, i) => [i, `{"index":${i}}`, false] as const));
  await storeResults(q.redis, 'race', Array.from({ length: 5 }, (_, i) => [i + 5, `{"index":${i + 5}}`, false] as const));
  const first = await acknowledgeAndTake(q.redis, 'race', 'me', 0, '0', 5, '');
  if (typeof first === 'string') throw new Error(first);
  // The take that acknowledges the first batch and records the second reached Redis; its reply was dropped (stopped).
  await acknowledgeAndTake(q.redis, 'race', 'me', 5, first.last, 5, '');
  // On its way out, the follower acknowledges the batch it wrote (the first) by count.
  expect(await acknowledgePending(q.redis, 'race', 'me', 5, first.last)).toBe('ok');
  expect(await q.redis.hget(keys.meta, 'followed')).toBe('5');
  expect(await q.redis.hlen(keys.results)).toBe(5);
  expect(await q.redis.exists(keys.pending)).toBe(1);
}, 30_000);
