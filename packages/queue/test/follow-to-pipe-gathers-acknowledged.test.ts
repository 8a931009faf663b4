import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { followResultBatches } from '../src/index.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.end());

async function store(job: string, indexes: readonly number[]): Promise<void> {
  await storeResults(q.redis, job, indexes.map((i) => [i, `{"index":${i}}`, false] as const));
}

/** Polls Redis until the job counts `followed` lines (or `timeoutMs` passes); returns the last count read. */
async function followedWhenItReaches(job: string, followed: string, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await q.redis.hget(jobKeys(job).meta, 'followed');
    if (now === followed || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Written to a pipe (or no fd), a batch cannot be read back: a follower killed before acknowledging it makes the
// next one write it again. So it is acknowledged before the follower lets results gather, not one gather later.
it('a follower writing to no regular file acknowledges a short batch before it lets results gather', async () => {
  await q.redis.hset(jobKeys('pipe').meta, { state: 'enqueued', total: 10, chunks: 1, ttl: 60 });
  await store('pipe', [0, 1, 2, 3, 4]);
  const stop = new AbortController();
  // A gather far longer than the test's timeout.
  const follower = followResultBatches(q.url, 'pipe', { signal: stop.signal, gatherMs: 600_000, waitMs: 100 });
  expect(String((await follower.next()).value)).toBe([0, 1, 2, 3, 4].map((i) => `{"index":${i}}\n`).join(''));
  const next = follower.next(); // the batch was written: the follower gathers
  try {
    expect(await followedWhenItReaches('pipe', '5', 10_000)).toBe('5');
    expect(await q.redis.exists(jobKeys('pipe').pending)).toBe(0);
  } finally {
    stop.abort();
    await next;
  }
}, 30_000);

it('a follower writing to a regular file still acknowledges a short batch with its next take (it can read the batch back)', async () => {
  await q.redis.hset(jobKeys('file').meta, { state: 'enqueued', total: 10, chunks: 1, ttl: 60 });
  await store('file', [0, 1, 2, 3, 4]);
  const fd = openSync(join(mkdtempSync(join(tmpdir(), 'gather-')), 'out.ndjson'), 'a');
  const stop = new AbortController();
  const follower = followResultBatches(q.url, 'file', { signal: stop.signal, gatherMs: 600_000, waitMs: 100, outputFd: fd });
  try {
    expect((await follower.next()).done).toBe(false);
    const next = follower.next();
    // Gathering: the batch stays pending (recorded with the file's position) until the next take.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await q.redis.hget(jobKeys('file').meta, 'followed')).toBeNull();
    expect(await q.redis.exists(jobKeys('file').pending)).toBe(1);
    stop.abort();
    expect(await next).toEqual({ done: true, value: 'stopped' });
    expect(await q.redis.hget(jobKeys('file').meta, 'followed')).toBe('5');
  } finally {
    stop.abort();
    closeSync(fd);
  }
}, 30_000);
