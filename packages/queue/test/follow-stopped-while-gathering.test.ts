import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { followResultBatches } from '../src/index.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.end());

/** Stores the results of `indexes` together (one stream entry). */
async function store(job: string, indexes: readonly number[]): Promise<void> {
  await storeResults(q.redis, job, indexes.map((i) => [i, `{"index":${i}}`, false] as const));
}

const lines = (indexes: readonly number[]) => indexes.map((i) => `{"index":${i}}\n`).join('');

it('a follower stopped while it lets results gather after a short batch ends at once, with that batch acknowledged, and the next follower writes only what came after', async () => {
  const keys = jobKeys('gather');
  await q.redis.hset(keys.meta, { state: 'enqueued', total: 10, chunks: 1, ttl: 60 });
  await store('gather', [0, 1, 2, 3, 4]);
  const stop = new AbortController();
  // Written to a regular file, the batch is acknowledged by the take after the gather, or on the way out.
  const fd = openSync(join(mkdtempSync(join(tmpdir(), 'gather-')), 'out.ndjson'), 'a');
  // A gather far longer than the test's timeout: only the stop can end it.
  const follower = followResultBatches(q.url, 'gather', { signal: stop.signal, gatherMs: 60_000, waitMs: 100, outputFd: fd });
  const first = await follower.next();
  expect({ done: first.done, value: String(first.value) }).toEqual({ done: false, value: lines([0, 1, 2, 3, 4]) });
  // Asking for more says the batch was written: the follower now lets results gather.
  const next = follower.next();
  await store('gather', [5, 6]);
  stop.abort();
  expect(await next).toEqual({ done: true, value: 'stopped' });
  closeSync(fd);
  expect(await q.redis.hget(keys.meta, 'followed')).toBe('5');
  expect(await q.redis.exists(keys.pending)).toBe(0);
  expect(await q.redis.hlen(keys.results)).toBe(2);

  await store('gather', [7, 8, 9]);
  await q.redis.hset(keys.meta, 'state', 'complete');
  const texts: string[] = [];
  for await (const text of followResultBatches(q.url, 'gather', { waitMs: 100 })) texts.push(text.toString());
  expect(texts.join('')).toBe(lines([5, 6, 7, 8, 9]));
  expect(await q.redis.hget(keys.meta, 'followed')).toBe('10');
}, 30_000);
