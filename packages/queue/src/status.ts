import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChunkData } from './chunk.js';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { jobKeys, PREFIX, QUEUE_NAME } from './keys.js';

/** Where a job stands: being enqueued, running (enqueued, results missing), complete or cancelled. */
export type JobState = 'enqueuing' | 'running' | 'complete' | 'cancelled';

/** One worker's share of a job. */
export interface WorkerShare {
  readonly id: string;
  /** `lost`: not seen for longer than its chunk lock (killed, or cut off from Redis). */
  readonly state: 'busy' | 'idle' | 'stopped' | 'lost';
  /** Results this worker produced (a re-run chunk's are counted again here, not in the job's). */
  readonly done: number;
  readonly failed: number;
  readonly inFlight: number;
  /** Milliseconds since the worker last reported. */
  readonly seenMsAgo: number;
}

/** A job's counters, as `fanout jobs` lists them. */
export interface JobSummary {
  readonly job: string;
  readonly state: JobState;
  /** Inputs enqueued so far (all of them once enqueuing is over). */
  readonly total: number;
  readonly chunks: number;
  /** Distinct inputs with a stored result: each input counts once, however often it ran. */
  readonly results: number;
  /** Of those, failures. */
  readonly failed: number;
  /** Results already taken (and removed from Redis) by `fanout results --follow`. */
  readonly followed: number;
  readonly createdAt: number;
  /** When it completed or was cancelled; its keys expire `ttl` seconds later. */
  readonly endedAt: number | undefined;
  readonly ttl: number;
}

/** Where a job stands, with its workers. */
export interface JobStatus extends JobSummary {
  readonly workers: readonly WorkerShare[];
  /** Chunks of the whole queue (all jobs) by BullMQ state. */
  readonly queue: Readonly<Record<string, number>>;
}

function jobState(stored: string | undefined): JobState {
  return stored === 'enqueued' ? 'running' : stored === 'complete' || stored === 'cancelled' ? stored : 'enqueuing';
}

/** Reads one job's counters; `undefined` when it is not on the queue. */
export async function readJobSummary(redis: Redis, job: string): Promise<JobSummary | undefined> {
  const meta = await redis.hgetall(jobKeys(job).meta);
  if (!meta.state) return undefined;
  return {
    job,
    state: jobState(meta.state),
    total: Number(meta.total ?? 0),
    chunks: Number(meta.chunks ?? 0),
    results: Number(meta.stored ?? 0),
    failed: Number(meta.failed ?? 0),
    followed: Number(meta.followed ?? 0),
    createdAt: Number(meta.createdAt ?? 0),
    endedAt: meta.endedAt === undefined ? undefined : Number(meta.endedAt),
    ttl: Number(meta.ttl ?? 0),
  };
}

function workerShares(fields: Record<string, string>, now: number): WorkerShare[] {
  const ids = new Set(Object.keys(fields).map((field) => field.slice(0, field.lastIndexOf(':'))));
  const field = (id: string, name: string) => Number(fields[`${id}:${name}`] ?? 0);
  return [...ids].sort().map((id) => {
    const seenMsAgo = now - field(id, 'seen');
    const inFlight = field(id, 'inflight');
    const state = field(id, 'stopped') === 1 ? 'stopped' : seenMsAgo > (field(id, 'lockms') || 30_000) ? 'lost' : inFlight > 0 ? 'busy' : 'idle';
    return { id, state, done: field(id, 'done'), failed: field(id, 'failed'), inFlight: state === 'lost' ? 0 : inFlight, seenMsAgo };
  });
}

/** Reads a job's progress: distinct results so far (live), and each worker's share and state. */
export async function jobStatus(queueUrl: string, job: string): Promise<JobStatus> {
  checkJobName(job);
  const redis = await openRedis(parseQueueUrl(queueUrl));
  const queue = new Queue<ChunkData>(QUEUE_NAME, { connection: redis, prefix: PREFIX });
  try {
    const summary = await readJobSummary(redis, job);
    if (!summary) throw new JobStateError(`no job "${job}" on this queue`);
    const [workerFields, counts] = await Promise.all([redis.hgetall(jobKeys(job).workers), queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')]);
    return { ...summary, workers: workerShares(workerFields, Date.now()), queue: counts };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
