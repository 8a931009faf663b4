import { describe, expect, it } from 'vitest';
import { enqueueJob, jobResults, jobStatus, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));

describe('a chunk that fails as a whole (an error no result explains)', () => {
  it('is retried, then its inputs get failed lines: the job ends, status and the log say so', async () => {
    await enqueueJob(q.url, 'broken', Array.from({ length: 5 }, (_, i) => `${q.base}/${i}`), { chunkSize: 10 });
    // Break the chunk's data as a bug or a bad write would: processing it throws.
    const key = 'fanout:fanout-chunks:broken.0';
    const data = JSON.parse((await q.redis.hget(key, 'data')) ?? '{}') as Record<string, unknown>;
    await q.redis.hset(key, 'data', JSON.stringify({ ...data, options: null }));

    const reports: Array<{ attempt: number; final: boolean; failedLines: number }> = [];
    const worker = await startWorker(q.url, { concurrency: 2, onChunkError: (e) => reports.push(e) });
    try {
      await expect.poll(async () => (await jobStatus(q.url, 'broken')).state, { timeout: 20_000, interval: 100 }).toBe('complete');
    } finally {
      await worker.close();
    }
    expect(reports.map((r) => [r.attempt, r.final, r.failedLines])).toEqual([
      [1, false, 0],
      [2, false, 0],
      [3, true, 5],
    ]);
    const status = await jobStatus(q.url, 'broken');
    expect(status).toMatchObject({ results: 5, failed: 5, chunkErrors: 3 });
    expect(status.queue.failed).toBe(0);
    const lines: Array<Record<string, unknown>> = [];
    for await (const line of jobResults(q.url, 'broken')) lines.push(JSON.parse(line ?? 'null') as Record<string, unknown>);
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2, 3, 4]);
    expect(lines.every((l) => l.ok === false && (l.error as { code: string }).code === 'ECHUNKFAILED')).toBe(true);
  }, 30_000);
});
