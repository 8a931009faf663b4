import { describe, expect, it } from 'vitest';
import { enqueueJob, followResults, jobStatus, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

const INPUTS = 4000;
const CHUNK = 100;
const MAX_WAITING = 2;
const WORKERS = 2;
// Enqueue adds a chunk only while fewer than MAX_WAITING × CHUNK results await the follower; after
// that, at most the waiting and the running chunks can still be stored.
const UNREAD_BOUND = MAX_WAITING * CHUNK + (MAX_WAITING + WORKERS) * CHUNK;

const q = useQueueFixture((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'));

const unread = async (job: string) => {
  const [stored, followed] = await q.redis.hmget(`fanout:job:${job}:meta`, 'stored', 'followed');
  return Number(stored ?? 0) - Number(followed ?? 0);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a follower slower than the workers', () => {
  it('holds enqueue back: the results awaiting it stay bounded by counts, and every input still yields one line', async () => {
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(q.url, { concurrency: 10 })));
    const enqueued = enqueueJob(q.url, 'slow', Array.from({ length: INPUTS }, (_, i) => `${q.base}/${i}`), { chunkSize: CHUNK, maxWaiting: MAX_WAITING });
    const lines: string[] = [];
    let mostUnread = 0;
    let whileStalled: { state: string; chunks: number } | undefined;
    for await (const line of followResults(q.url, 'slow')) {
      if (lines.length === 0) {
        // The reader stalls on its first line until the workers have nothing left to run: only
        // enqueue's holding back can stop them before the whole job is stored.
        for (;;) {
          mostUnread = Math.max(mostUnread, await unread('slow'));
          const status = await jobStatus(q.url, 'slow');
          if (mostUnread >= MAX_WAITING * CHUNK && status.queue.waiting === 0 && status.queue.active === 0) {
            whileStalled = { state: status.state, chunks: status.chunks };
            break;
          }
          await sleep(50);
        }
      }
      lines.push(line);
    }
    await enqueued;
    await Promise.all(workers.map((w) => w.close()));

    expect(whileStalled?.state).toBe('enqueuing');
    expect(whileStalled?.chunks).toBeLessThan(INPUTS / CHUNK);
    expect(mostUnread).toBeLessThanOrEqual(UNREAD_BOUND);
    expect(lines).toHaveLength(INPUTS);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { index: number }).index)).size).toBe(INPUTS);
  }, 120_000);
});
