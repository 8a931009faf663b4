import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob, openRedis, parseQueueUrl, startRedisServer, startWorker, type WorkerOptions } from '../src/index.js';
import { startLocalUpstream } from './local-upstream.js';

type ChunkReport = Parameters<NonNullable<WorkerOptions['onChunk']>>[0];

let server: { url: string; stop(): Promise<void> };
let redis: Redis;
let upstream: Awaited<ReturnType<typeof startLocalUpstream>>;
let base: string;
let received = 0;
beforeAll(async () => {
  server = await startRedisServer();
  redis = await openRedis(parseQueueUrl(server.url));
  upstream = await startLocalUpstream((_req, res) => {
    received++;
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 30);
  });
  base = upstream.base;
}, 30_000);
afterAll(async () => {
  redis?.disconnect();
  await upstream?.close();
  await server?.stop();
});

describe('Redis loses its data (a restart without persistence) while a worker runs a chunk', () => {
  it('the worker notices the job is gone, aborts the chunk and writes no orphan result', async () => {
    await enqueueJob(server.url, 'lost', Array.from({ length: 400 }, (_, i) => `${base}/${i}`), { chunkSize: 400 });
    const reports: ChunkReport[] = [];
    const worker = await startWorker(server.url, { concurrency: 2, onChunk: (c) => reports.push(c) });
    while (Number(await redis.hget('fanout:job:lost:meta', 'stored')) < 10) await new Promise((resolve) => setTimeout(resolve, 50));
    // Counted live: results of the one chunk are stored while it still runs.
    expect(reports).toEqual([]);
    await redis.flushall();
    while (reports.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    // A few more status ticks, which must not bring the job's keys back.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await worker.close();

    expect(reports).toEqual([expect.objectContaining({ job: 'lost', chunk: 0, dropped: 'gone' })]);
    expect(received).toBeLessThan(400);
    expect(await redis.keys('fanout:job:*')).toEqual([]);
  }, 60_000);
});
