import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob, jobStatus, openRedis, parseQueueUrl, startRedisServer, startWorker, type JobStatus } from '../src/index.js';
import { startLocalUpstream } from './local-upstream.js';
import { storedEntries } from './stored-entries.js';

const INPUTS = 600;
let upstream: Awaited<ReturnType<typeof startLocalUpstream>>;
beforeAll(async () => {
  upstream = await startLocalUpstream((_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 20));
});
afterAll(() => upstream?.close());

async function statusOrUndefined(url: string, job: string): Promise<JobStatus | undefined> {
  return jobStatus(url, job).catch(() => undefined);
}

describe('Redis with appendonly yes, killed and restarted mid-job', () => {
  it('keeps the job: the workers go on and every input ends with exactly one result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-aof-'));
    let server = await startRedisServer({ appendOnlyDir: dir });
    await enqueueJob(server.url, 'aof', Array.from({ length: INPUTS }, (_, i) => `${upstream.base}/${i}`), { chunkSize: 100 });
    const worker = await startWorker(server.url, { concurrency: 10, lockMs: 2000 });
    try {
      for (;;) {
        const status = await jobStatus(server.url, 'aof');
        if (status.results >= 150) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await server.stop();
      server = await startRedisServer({ appendOnlyDir: dir, port: server.port });
      let final: JobStatus | undefined;
      for (let i = 0; i < 600; i++) {
        final = await statusOrUndefined(server.url, 'aof');
        if (final?.state === 'complete') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(final).toMatchObject({ state: 'complete', total: INPUTS, results: INPUTS });
      const redis = await openRedis(parseQueueUrl(server.url));
      try {
        expect(await redis.hlen('fanout:job:aof:results')).toBe(INPUTS);
        expect(await redis.bitcount('fanout:job:aof:done')).toBe(INPUTS);
        expect((await storedEntries(redis, 'fanout:job:aof:stored')).map(([index]) => index).sort((a, b) => a - b)).toEqual(Array.from({ length: INPUTS }, (_, i) => i));
      } finally {
        redis.disconnect();
      }
    } finally {
      await worker.close();
      await server.stop();
    }
  }, 120_000);
});
