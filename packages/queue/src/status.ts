import { jobKeys } from './keys.js';
import { withJob } from './open-job.js';
import type { JobSummary } from './status-summary.js';

export type { EnqueueState, JobState, JobSummary } from './status-summary.js';

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

/** Where a job stands, with its workers. */
export interface JobStatus extends JobSummary {
  readonly workers: readonly WorkerShare[];
  /** Chunks of the whole queue (all jobs) by BullMQ state. */
  readonly queue: Readonly<Record<string, number>>;
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
export function jobStatus(queueUrl: string, job: string): Promise<JobStatus> {
  return withJob(queueUrl, job, async (redis, queue, summary) => {
    const [workerFields, counts] = await Promise.all([redis.hgetall(jobKeys(job).workers), queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')]);
    return { ...summary, workers: workerShares(workerFields, Date.now()), queue: counts };
  });
}
