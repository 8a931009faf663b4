import { expect, it } from 'vitest';
import { followResultBatches, followResults } from '../src/index.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.end());

// Lines with characters of 2, 3 and 4 UTF-8 bytes, and one that is a lone surrogate escaped by JSON.
const LINES = ['{"index":0,"data":"café"}', '{"index":1,"data":"日本語"}', '{"index":2,"data":"🦊🦊"}', '{"index":3,"data":"\\ud800"}'];

async function storedJob(job: string): Promise<void> {
  const keys = jobKeys(job);
  await q.redis.hset(keys.meta, { state: 'enqueued', total: LINES.length, chunks: 1, ttl: 60 });
  await storeResults(q.redis, job, LINES.map((line, i) => [i, line, false] as const));
  await q.redis.hset(keys.meta, 'state', 'complete');
}

it('followResultBatches yields each batch as the bytes Redis holds: UTF-8 of the stored lines, each ended by a newline, never re-encoded', async () => {
  await storedJob('bytes');
  const batches: Buffer[] = [];
  for await (const batch of followResultBatches(q.url, 'bytes', { waitMs: 100 })) batches.push(batch);
  expect(batches.every((batch) => Buffer.isBuffer(batch))).toBe(true);
  expect(Buffer.concat(batches).equals(Buffer.from(LINES.map((line) => `${line}\n`).join(''), 'utf8'))).toBe(true);
}, 30_000);

it('followResults still yields each line as a string, decoded from those bytes', async () => {
  await storedJob('strings');
  const lines: string[] = [];
  for await (const line of followResults(q.url, 'strings', { waitMs: 100 })) lines.push(line);
  expect(lines).toEqual(LINES);
  expect(lines.map((line) => JSON.parse(line) as { data: string }).map((record) => record.data)).toEqual(['café', '日本語', '🦊🦊', '\ud800']);
}, 30_000);
