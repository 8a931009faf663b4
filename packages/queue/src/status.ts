import { Queue } from 'bullmq';
import type { ChunkData } from './chunk.js';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { jobKeys, PREFIX, QUEUE_NAME } from './keys.js';

/** One worker's share of a job. */
export interface WorkerShare {
  readonly id: string;
  readonly done: number;
  readonly failed: number;
  readonly inFlight: number;
  /** Milliseconds since the worker last reported. */
  readonly seenMsAgo: number;
}

/** Where a job stands. */
export interface JobStatus {
  readonly job: string;
  readonly state: 'enqueuing' | 'enqueued';
  readonly total: number;
  readonly chunks: number;
  /** Distinct inputs with a result. */
  readonly results: number;
  readonly complete: boolean;
  readonly workers: readonly WorkerShare[];
  /** Chunks of the whole queue (all jobs) by BullMQ state. */
  readonly queue: Readonly<Record<string, number>>;
}

/** Reads a job's progress: results so far, and done/failed/in flight per worker. */
export async function jobStatus(queueUrl: string, job: string): Promise<JobStatus> {
  checkJobName(job);
  const redis = await openRedis(parseQueueUrl(queueUrl));
  const queue = new Queue<ChunkData>(QUEUE_NAME, { connection: redis, prefix: PREFIX });
  try {
    const keys = jobKeys(job);
    const meta = await redis.hgetall(keys.meta);
    if (!meta.state) throw new JobStateError(`no job "${job}" on this queue`);
    const [results, workerFields, counts] = await Promise.all([redis.hlen(keys.results), redis.hgetall(keys.workers), queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')]);
    const ids = new Set(Object.keys(workerFields).map((field) => field.slice(0, field.lastIndexOf(':'))));
    const now = Date.now();
    const field = (id: string, name: string) => Number(workerFields[`${id}:${name}`] ?? 0);
    const total = Number(meta.total ?? 0);
    return {
      job,
      state: meta.state === 'enqueued' ? 'enqueued' : 'enqueuing',
      total,
      chunks: Number(meta.chunks ?? 0),
      results,
      complete: meta.state === 'enqueued' && results >= total,
      workers: [...ids].sort().map((id) => ({ id, done: field(id, 'done'), failed: field(id, 'failed'), inFlight: field(id, 'inflight'), seenMsAgo: now - field(id, 'seen') })),
      queue: counts,
    };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
