import { expect, it } from 'vitest';
import { cancelJob, enqueueJob, followResults, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })));

// A read that blocks far longer than the test may last: only the job's end can wake it.
const BLOCK_MS = 120_000;

it("a follower blocked on the results ends as soon as the job completes, not after its read's wait", async () => {
  await enqueueJob(q.url, 'wakes', Array.from({ length: 40 }, (_, i) => `${q.base}/${i}`), { chunkSize: 10 });
  const lines: string[] = [];
  const worker = await startWorker(q.url, { concurrency: 4 });
  try {
    let outcome: string | undefined;
    const follower = followResults(q.url, 'wakes', { waitMs: BLOCK_MS });
    for (;;) {
      const step = await follower.next();
      if (step.done) {
        outcome = step.value;
        break;
      }
      lines.push(step.value);
    }
    expect(outcome).toBe('complete');
  } finally {
    await worker.close();
  }
  expect(new Set(lines.map((line) => (JSON.parse(line) as { index: number }).index)).size).toBe(40);
}, 60_000);

it('and as soon as the job is cancelled', async () => {
  await enqueueJob(q.url, 'wakes-cancel', [`${q.base}/0`]);
  const follower = followResults(q.url, 'wakes-cancel', { waitMs: BLOCK_MS });
  const next = follower.next();
  // No worker: the follower blocks on an empty stream until the cancel.
  await expect.poll(async () => q.redis.hget('fanout:job:wakes-cancel:meta', 'follower'), { timeout: 20_000 }).not.toBeNull();
  await cancelJob(q.url, 'wakes-cancel');
  expect(await next).toEqual({ done: true, value: 'cancelled' });
}, 60_000);
