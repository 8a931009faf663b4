import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { jobKeys } from './keys.js';

const BATCH = 1000;

/**
 * A job's results as NDJSON lines (the CLI's line format), in input order, read in batches;
 * an input without a result yet (or whose result a follower has already taken) yields
 * `undefined` in its place.
 */
export async function* jobResults(queueUrl: string, job: string): AsyncGenerator<string | undefined, undefined> {
  checkJobName(job);
  const redis = await openRedis(parseQueueUrl(queueUrl));
  try {
    const keys = jobKeys(job);
    const [state, total] = await redis.hmget(keys.meta, 'state', 'total');
    if (state === null || state === 'enqueuing') throw new JobStateError(`no complete enqueue of job "${job}" on this queue`);
    for (let from = 0; from < Number(total); from += BATCH) {
      const fields = Array.from({ length: Math.min(BATCH, Number(total) - from) }, (_, i) => String(from + i));
      const lines = await redis.hmget(keys.results, ...fields);
      for (const line of lines) yield line ?? undefined;
    }
  } finally {
    redis.disconnect();
  }
}
