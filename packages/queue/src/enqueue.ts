import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestInput } from '@fanout/core';
import { Queue } from 'bullmq';
import type { ChunkData, ChunkOptions } from './chunk.js';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { completeIfDone, unreadByFollower } from './job-scripts.js';
import { JOBS_KEY, jobKeys, PREFIX, QUEUE_NAME } from './keys.js';

/** Options of {@link enqueueJob}. */
export interface EnqueueOptions extends ChunkOptions {
  /**
   * Inputs per chunk (one BullMQ job each).
   * @default 500
   */
  readonly chunkSize?: number;
  /**
   * Chunks waiting in the queue at most: beyond that, enqueueing waits for workers to take
   * chunks, so Redis holds a bounded backlog however long the input is.
   * @default 20
   */
  readonly maxWaiting?: number;
  /**
   * Seconds a job's keys (results, counters) live after it ends (complete or cancelled).
   * @default 604800 (7 days)
   */
  readonly ttl?: number;
  /** Called after each chunk is added, with the inputs so far. @default undefined */
  readonly onChunk?: (added: { chunks: number; total: number }) => void;
}

/** What was enqueued. */
export interface EnqueueSummary {
  readonly job: string;
  readonly total: number;
  readonly chunks: number;
  /** The job was cancelled while it was being enqueued: the rest was not added. */
  readonly cancelled: boolean;
}

const POLL_MS = 200;

/**
 * Splits the inputs into chunks as they stream in (a 10M-line file is never whole in memory)
 * and adds each as a BullMQ job, waiting while `maxWaiting` chunks are queued; then records the
 * job's size. Refuses a job name in use.
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
    const { chunkSize = 500, maxWaiting = 20, ttl = 604_800, onChunk, ...chunkOptions } = options;
    const createdAt = Date.now();
    await redis.hset(keys.meta, { total: 0, chunks: 0, createdAt, ttl, options: JSON.stringify(chunkOptions) });
    await redis.zadd(JOBS_KEY, createdAt, job);
    let total = 0;
    let chunk = 0;
    let cancelled = false;
    let urls: RequestInput[] = [];
    const roomInQueue = async () => {
      for (;;) {
        if ((await redis.hget(keys.meta, 'state')) !== 'enqueuing') return false;
        if ((await queue.getWaitingCount()) < maxWaiting && (await unreadByFollower(redis, job)) < maxWaiting * chunkSize) return true;
        await sleep(POLL_MS);
      }
    };
    const flush = async () => {
      if (urls.length === 0) return;
      if (!(await roomInQueue())) {
        cancelled = true;
        return;
      }
      const data: ChunkData = { job, chunk, start: total - urls.length, urls, options: chunkOptions };
      await queue.add('chunk', data, { jobId: `${job}.${chunk}`, removeOnComplete: true, removeOnFail: 100, attempts: 3 });
      chunk++;
      urls = [];
      await redis.hset(keys.meta, { total, chunks: chunk });
      onChunk?.({ chunks: chunk, total });
    };
    for await (const url of inputs) {
      urls.push(url);
      total++;
      if (urls.length >= chunkSize) await flush();
      if (cancelled) break;
    }
    if (!cancelled) await flush();
    if (cancelled) return { job, total: Number(await redis.hget(keys.meta, 'total')), chunks: chunk, cancelled };
    // Only if still enqueuing: a cancel in between wins.
    const ended = await redis.eval(
      `if redis.call('HGET', KEYS[1], 'state') ~= 'enqueuing' then return 0 end
       redis.call('HSET', KEYS[1], 'state', 'enqueued', 'total', ARGV[1], 'chunks', ARGV[2]) return 1`,
      1,
      keys.meta,
      total,
      chunk,
    );
    // The workers may have stored every result already.
    await completeIfDone(redis, job);
    return { job, total, chunks: chunk, cancelled: Number(ended) !== 1 };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
