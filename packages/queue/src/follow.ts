import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { followerHeartbeat } from './job-scripts.js';
import { JOBS_KEY, jobKeys } from './keys.js';

/** Options of {@link followResults}. */
export interface FollowOptions {
  /**
   * Results read from Redis at a time (and removed from it once the caller has taken them).
   * @default 1000
   */
  readonly batch?: number;
  /**
   * How long one read waits for new results before checking whether the job has ended.
   * @default 1000
   */
  readonly waitMs?: number;
  /**
   * Called once when the job is not on the queue yet (a follower started before, or together
   * with, its `enqueue`), which is then waited for.
   * @default undefined
   */
  readonly onWaitingForJob?: () => void;
}

const JOB_POLL_MS = 200;
const HEARTBEAT_MS = 1000;

/** Waits until `job` exists; throws `JobStateError` when it existed once and is gone (it expired). */
async function untilJobExists(redis: Redis, job: string, onWaiting: (() => void) | undefined): Promise<void> {
  const { meta } = jobKeys(job);
  if ((await redis.exists(meta)) === 1) return;
  if ((await redis.zscore(JOBS_KEY, job)) !== null) {
    // enqueue writes the job's meta before it lists the job: listed without meta means gone,
    // unless the job was created between the two reads above (a follower started first).
    if ((await redis.exists(meta)) === 1) return;
    throw new JobStateError(`job "${job}" is no longer on the queue (it expired, or Redis lost its data)`);
  }
  onWaiting?.();
  while ((await redis.exists(meta)) === 0) await sleep(JOB_POLL_MS);
}

type StreamReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]> | null;

/** The stream ID just after `id` (`ms-seq`), for trimming everything up to `id`. */
function nextId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${Number(seq) + 1}`;
}

/**
 * A job's results as NDJSON lines in the order they were stored, each yielded once, and removed
 * from Redis once the caller has taken its batch: Redis then holds only the backlog. Ends when
 * every input's line has been yielded (returning `'complete'`) or the job was cancelled
 * (`'cancelled'`); throws `JobStateError` when the job is no longer on the queue. A job not yet
 * enqueued is waited for (so the follower may start first). One follower per job: what it
 * removed, no other reader gets.
 *
 * @example
 * for await (const line of followResults('redis://127.0.0.1:6379/0', 'crawl-1')) process.stdout.write(`${line}\n`);
 */
export async function* followResults(queueUrl: string, job: string, options: FollowOptions = {}): AsyncGenerator<string, 'complete' | 'cancelled'> {
  checkJobName(job);
  const { batch = 1000, waitMs = 1000, onWaitingForJob } = options;
  const redis = await openRedis(parseQueueUrl(queueUrl));
  const keys = jobKeys(job);
  let heartbeat: NodeJS.Timeout | undefined;
  try {
    await untilJobExists(redis, job, onWaitingForJob);
    // While this follower lives (even while its reader is slow to take lines), enqueue feeds the
    // job only as fast as the follower takes its results.
    heartbeat = setInterval(() => void followerHeartbeat(redis, job).catch(() => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    await followerHeartbeat(redis, job);
    let last = '0';
    let ended: string | undefined;
    for (;;) {
      const reply = (ended ? await redis.xread('COUNT', batch, 'STREAMS', keys.stored, last) : await redis.xread('COUNT', batch, 'BLOCK', waitMs, 'STREAMS', keys.stored, last)) as StreamReply;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length > 0) {
        const indexes = entries.map(([, fields]) => fields[1] ?? '');
        const lines = await redis.hmget(keys.results, ...indexes);
        for (const line of lines) if (line !== null) yield line;
        last = entries[entries.length - 1]?.[0] ?? last;
        await redis.multi().hdel(keys.results, ...indexes).xtrim(keys.stored, 'MINID', nextId(last)).hincrby(keys.meta, 'followed', entries.length).exec();
        continue;
      }
      if (ended === 'complete' || ended === 'cancelled') return ended;
      const state = await redis.hget(keys.meta, 'state');
      if (state === null) throw new JobStateError(`job "${job}" is no longer on the queue (it expired, or Redis lost its data)`);
      // Ended: one more read without waiting takes what was stored before the end.
      if (state === 'complete' || state === 'cancelled') ended = state;
    }
  } finally {
    clearInterval(heartbeat);
    redis.disconnect();
  }
}
