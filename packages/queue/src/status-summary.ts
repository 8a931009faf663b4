import type { Redis } from 'ioredis';
import { jobKeys } from './keys.js';

/** Where a job stands: being enqueued, running (enqueued, results missing), complete or cancelled. */
export type JobState = 'enqueuing' | 'running' | 'complete' | 'cancelled';

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
