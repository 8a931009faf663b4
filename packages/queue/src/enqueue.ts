import type { RequestInput } from '@fanout/core';
import { Queue } from 'bullmq';
import type { ChunkData, ChunkOptions } from './chunk.js';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { jobKeys, PREFIX, QUEUE_NAME } from './keys.js';

/** Options of {@link enqueueJob}. */
export interface EnqueueOptions extends ChunkOptions {
  /**
   * Inputs per chunk (one BullMQ job each).
   * @default 500
   */
  readonly chunkSize?: number;
}

/** What was enqueued. */
export interface EnqueueSummary {
  readonly job: string;
  readonly total: number;
  readonly chunks: number;
}

/**
 * Splits the inputs into chunks as they stream in (a 10M-line file is never whole in memory)
 * and adds each as a BullMQ job; then records the job's size. Refuses a job name in use.
 *
 * @example
 * await enqueueJob('redis://127.0.0.1:6379/0', 'crawl-1', readLines(createReadStream('urls.txt')), { perHostRate: 10 });
 */
export async function enqueueJob(queueUrl: string, job: string, inputs: AsyncIterable<RequestInput> | Iterable<RequestInput>, options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  checkJobName(job);
  const redis = await openRedis(parseQueueUrl(queueUrl));
  const queue = new Queue<ChunkData>(QUEUE_NAME, { connection: redis, prefix: PREFIX });
  const keys = jobKeys(job);
  try {
    const claimed = await redis.hsetnx(keys.meta, 'state', 'enqueuing');
    if (claimed === 0) throw new JobStateError(`job "${job}" already exists on this queue`);
    const { chunkSize = 500, ...chunkOptions } = options;
    let total = 0;
    let chunk = 0;
    let urls: RequestInput[] = [];
    const flush = async () => {
      if (urls.length === 0) return;
      const data: ChunkData = { job, chunk, start: total - urls.length, urls, options: chunkOptions };
      await queue.add('chunk', data, { jobId: `${job}.${chunk}`, removeOnComplete: 1000, removeOnFail: 1000, attempts: 3 });
      chunk++;
      urls = [];
    };
    for await (const url of inputs) {
      urls.push(url);
      total++;
      if (urls.length >= chunkSize) await flush();
    }
    await flush();
    await redis.hset(keys.meta, { state: 'enqueued', total, chunks: chunk, createdAt: Date.now(), options: JSON.stringify(chunkOptions) });
    return { job, total, chunks: chunk };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
