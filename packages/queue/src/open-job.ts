import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChunkData } from './chunk.js';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { PREFIX, QUEUE_NAME } from './keys.js';
import { readJobSummary, type JobSummary } from './status-summary.js';
import { loadBullmq } from './load-bullmq.js';

/** Runs `use` with a connection, the chunk queue and the job's counters; throws `JobStateError` for an unknown job. */
export async function withJob<T>(queueUrl: string, job: string, use: (redis: Redis, queue: Queue<ChunkData>, summary: JobSummary) => Promise<T>): Promise<T> {
  checkJobName(job);
  const redis = await openRedis(parseQueueUrl(queueUrl));
  const { Queue: ChunkQueue } = await loadBullmq();
  const queue = new ChunkQueue<ChunkData>(QUEUE_NAME, { connection: redis, prefix: PREFIX });
  try {
    const summary = await readJobSummary(redis, job);
    if (!summary) throw new JobStateError(`no job "${job}" on this queue`);
    return await use(redis, queue, summary);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
