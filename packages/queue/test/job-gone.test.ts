import { describe, expect, it } from 'vitest';
import { enqueueJob, startWorker, type WorkerOptions } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

type ChunkReport = Parameters<NonNullable<WorkerOptions['onChunk']>>[0];

let received = 0;
const q = useQueueFixture((_req, res) => {
  received++;
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 30);
});

describe('Redis loses its data (a restart without persistence) while a worker runs a chunk', () => {
  it('the worker notices the job is gone, aborts the chunk and writes no orphan result', async () => {
    await enqueueJob(q.url, 'lost', Array.from({ length: 400 }, (_, i) => `${q.base}/${i}`), { chunkSize: 400 });
    const reports: ChunkReport[] = [];
    const worker = await startWorker(q.url, { concurrency: 2, onChunk: (c) => reports.push(c) });
    while (Number(await q.redis.hget('fanout:job:lost:meta', 'stored')) < 10) await new Promise((resolve) => setTimeout(resolve, 50));
    // Counted live: results of the one chunk are stored while it still runs.
    expect(reports).toEqual([]);
    await q.redis.flushall();
    while (reports.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    // Status writes after the flush must not bring the job's keys back. close() writes once more
    // for every job the worker still knows; a job it forgot was forgotten by a write that found
    // the job gone (after the flush): either way one has run, no sleep needed.
    await worker.close();

    expect(reports).toEqual([expect.objectContaining({ job: 'lost', chunk: 0, dropped: 'gone' })]);
    expect(received).toBeLessThan(400);
    expect(await q.redis.keys('fanout:job:*')).toEqual([]);
  }, 60_000);
});
