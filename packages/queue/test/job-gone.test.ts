import { describe, expect, it } from 'vitest';
import { enqueueJob, startWorker, type WorkerOptions } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

type ChunkReport = Parameters<NonNullable<WorkerOptions['onChunk']>>[0];

let received = 0;
const q = useQueueFixture((_req, res) => {
  received++;
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 30);
});

/** EVAL calls Redis has served (the worker's status writes are EVALs; BullMQ's scripts are EVALSHA). */
async function evalCalls(): Promise<number> {
  return Number(/cmdstat_eval:calls=(\d+)/.exec(await q.redis.info('commandstats'))?.[1] ?? 0);
}

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
    // More status writes (Lua EVALs, counted at Redis), which must not bring the job's keys back:
    // the worker still knows the job, so its next tick writes; close() writes a last time.
    const atDrop = await evalCalls();
    while ((await evalCalls()) < atDrop + 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.close();

    expect(reports).toEqual([expect.objectContaining({ job: 'lost', chunk: 0, dropped: 'gone' })]);
    expect(received).toBeLessThan(400);
    expect(await q.redis.keys('fanout:job:*')).toEqual([]);
  }, 60_000);
});
