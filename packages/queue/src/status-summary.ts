import type { Redis } from 'ioredis';
import { ENQUEUE_LOST_MS } from './enqueue-scripts.js';
import { jobKeys } from './keys.js';

/** Where a job stands: being enqueued, running (enqueued, results missing), complete or cancelled. */
export type JobState = 'enqueuing' | 'running' | 'complete' | 'cancelled';

/**
 * The job's enqueue: `feeding` (heard from within 10 s, on Redis's clock), `done` (every input
 * was fed), `lost` (killed, cut off from Redis, or stopped: run the same enqueue again to resume).
 */
export type EnqueueState = 'feeding' | 'done' | 'lost';

/** A job's counters, as `fanout jobs` lists them. */
export interface JobSummary {
  readonly job: string;
  readonly state: JobState;
  readonly enqueue: EnqueueState;
  /** Milliseconds since the enqueue last said it was alive (`undefined` once done, or when it stopped). */
  readonly enqueueSeenMsAgo: number | undefined;
  /** Inputs enqueued so far (all of them once enqueuing is over). */
  readonly total: number;
  readonly chunks: number;
  /** Distinct inputs with a stored result: each input counts once, however often it ran. */
  readonly results: number;
  /** Of those, failures. */
  readonly failed: number;
  /** Chunk attempts that failed as a whole (each retried; after the last, its inputs got failed lines). */
  readonly chunkErrors: number;
  /** Results already taken (and removed from Redis) by `fanout results --follow`. */
  readonly followed: number;
  readonly createdAt: number;
  /** When it completed or was cancelled; its keys expire `ttl` seconds later. */
  readonly endedAt: number | undefined;
  readonly ttl: number;
}

function jobState(stored: string | undefined): JobState {
  return stored === 'enqueued' ? 'running' : stored === 'complete' || stored === 'cancelled' ? stored : 'enqueuing';
}

/** Reads one job's counters; `undefined` when it is not on the queue. */
export async function readJobSummary(redis: Redis, job: string): Promise<JobSummary | undefined> {
  const [meta, [seconds, micros]] = await Promise.all([redis.hgetall(jobKeys(job).meta), redis.time()]);
  if (!meta.state) return undefined;
  const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  const feederAt = Number(meta.feederAt ?? 0);
  const seenMsAgo = meta.state === 'enqueuing' && feederAt > 0 ? Math.max(0, now - feederAt) : undefined;
  return {
    job,
    state: jobState(meta.state),
    enqueue: meta.state !== 'enqueuing' ? 'done' : seenMsAgo !== undefined && seenMsAgo <= ENQUEUE_LOST_MS ? 'feeding' : 'lost',
    enqueueSeenMsAgo: seenMsAgo,
    total: Number(meta.total ?? 0),
    chunks: Number(meta.chunks ?? 0),
    results: Number(meta.stored ?? 0),
    failed: Number(meta.failed ?? 0),
    followed: Number(meta.followed ?? 0),
    chunkErrors: Number(meta.chunkErrors ?? 0),
    createdAt: Number(meta.createdAt ?? 0),
    endedAt: meta.endedAt === undefined ? undefined : Number(meta.endedAt),
    ttl: Number(meta.ttl ?? 0),
  };
}
