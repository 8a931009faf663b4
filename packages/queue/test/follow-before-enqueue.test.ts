import { describe, expect, it } from 'vitest';
import { enqueueJob, followResults, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })));

describe('a follower started before its job is enqueued', () => {
  it('waits for the job, then takes every line once', async () => {
    let waited = 0;
    const lines: string[] = [];
    const following = (async () => {
      for await (const line of followResults(q.url, 'early', { onWaitingForJob: () => waited++ })) lines.push(line);
    })();
    // The follower has seen that the job is not there yet before anything is enqueued.
    while (waited === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const worker = await startWorker(q.url, { concurrency: 5 });
    await enqueueJob(q.url, 'early', Array.from({ length: 300 }, (_, i) => `${q.base}/${i}`), { chunkSize: 50 });
    await following;
    await worker.close();

    expect(waited).toBe(1);
    expect(lines).toHaveLength(300);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { index: number }).index)).size).toBe(300);
  }, 60_000);

  it('is told when the job existed and has expired, instead of waiting for it', async () => {
    await enqueueJob(q.url, 'expired', [`${q.base}/0`]);
    await q.redis.del('fanout:job:expired:meta');
    await expect(followResults(q.url, 'expired').next()).rejects.toMatchObject({ code: 'EJOBSTATE', message: expect.stringContaining('no longer on the queue') });
  }, 30_000);
});
