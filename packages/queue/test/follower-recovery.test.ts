import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followResults } from '../src/index.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { filePosition } from '../src/written-lines.js';
import { useQueueFixture } from './queue-fixture.js';
import { storedEntries } from './stored-entries.js';

const q = useQueueFixture((_req, res) => res.end());
const line = (index: number) => JSON.stringify({ index, url: `http://h/${index}`, ok: true, status: 200, data: { n: index } });

/** A complete job of 10 stored results, whose follower (a pid that is gone) died writing all 10 as one batch. */
async function diedWriting(job: string, fd: number | undefined, writtenBefore: string): Promise<void> {
  const keys = jobKeys(job);
  await q.redis.hset(keys.meta, { state: 'enqueued', total: 10, chunks: 1, ttl: 60, follower: 'nohost:999999:x', followerAt: Date.now() });
  await storeResults(q.redis, job, Array.from({ length: 10 }, (_, i) => [i, line(i), false] as const));
  await q.redis.hset(keys.meta, 'state', 'complete');
  const entries = await storedEntries(q.redis, keys.stored);
  await q.redis.set(keys.pending, JSON.stringify({ entries, at: filePosition(fd) }));
  if (fd !== undefined) writeSync(fd, writtenBefore);
}

async function follow(job: string, fd: number | undefined, onRewrite?: (n: number) => void): Promise<string[]> {
  const lines: string[] = [];
  for await (const taken of followResults(q.url, job, { outputFd: fd, onRewrite, waitMs: 100 })) {
    lines.push(taken);
    if (fd !== undefined) writeSync(fd, `${taken}\n`);
  }
  return lines;
}

describe('a follower restarted after one died mid-batch', () => {
  it('appending to the same file: keeps the 4 whole lines it wrote, cuts the half line, writes the other 6', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fanout-q-')), 'out.ndjson');
    writeFileSync(file, `${line(99)}\n`); // what was there before
    const fd = openSync(file, 'a');
    try {
      // The dead follower wrote lines 0-3 whole, and half of line 4.
      await diedWriting('same-file', fd, `${[0, 1, 2, 3].map(line).join('\n')}\n${line(4).slice(0, 20)}`);
      await q.redis.hset('fanout:job:same-file:meta', 'followerAt', 0); // gone: its lease is free
      const taken = await follow('same-file', fd);
      expect(taken.map((l) => (JSON.parse(l) as { index: number }).index)).toEqual([4, 5, 6, 7, 8, 9]);
    } finally {
      closeSync(fd);
    }
    const indexes = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => (JSON.parse(l) as { index: number }).index);
    expect(indexes).toEqual([99, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await q.redis.hget('fanout:job:same-file:meta', 'followed')).toBe('10');
    expect(await q.redis.exists('fanout:job:same-file:pending')).toBe(0);
  }, 30_000);

  it('writing to a pipe (no file to check): writes the whole batch again, and says so', async () => {
    await diedWriting('pipe', undefined, '');
    await q.redis.hset('fanout:job:pipe:meta', 'followerAt', 0); // gone: its lease is free
    const rewritten: number[] = [];
    const taken = await follow('pipe', undefined, (n) => rewritten.push(n));
    expect(rewritten).toEqual([10]);
    expect(taken.map((l) => (JSON.parse(l) as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await q.redis.hlen('fanout:job:pipe:results')).toBe(0);
  }, 30_000);
});
