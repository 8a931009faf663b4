import { openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { markCancelled } from './job-scripts.js';
import { JOBS_KEY } from './keys.js';
import { withJob } from './open-job.js';
import { readJobSummary, type JobSummary } from './status-summary.js';

/** Every job on the queue, oldest first; jobs whose keys have expired are forgotten. */
export async function listJobs(queueUrl: string): Promise<JobSummary[]> {
  const redis = await openRedis(parseQueueUrl(queueUrl));
  try {
    const names = await redis.zrange(JOBS_KEY, 0, -1);
    const jobs: JobSummary[] = [];
    for (const name of names) {
      const summary = await readJobSummary(redis, name);
      if (summary) jobs.push(summary);
      else await redis.zrem(JOBS_KEY, name);
    }
    return jobs;
  } finally {
    redis.disconnect();
  }
}

/**
 * Cancels a job: workers take none of its chunks any more (its waiting chunks are removed, and a
 * worker running one stops storing and aborts its requests), an enqueue still adding chunks
 * stops, and the job's keys expire after its TTL. Returns the number of waiting chunks removed;
 * throws `JobStateError` for an unknown job or one that has already ended.
 */
export function cancelJob(queueUrl: string, job: string): Promise<{ removedChunks: number }> {
  return withJob(queueUrl, job, async (redis, queue, summary) => {
    if (!(await markCancelled(redis, job))) throw new JobStateError(`job "${job}" has already ended (${summary.state})`);
    let removedChunks = 0;
    // The waiting backlog is bounded (enqueue's maxWaiting per job), so this reads a bounded list.
    for (const chunk of await queue.getJobs(['waiting', 'delayed', 'prioritized'])) {
      if (chunk?.data.job !== job) continue;
      await chunk.remove().then(
        () => removedChunks++,
        () => undefined, // taken by a worker meanwhile: it sees the cancel
      );
    }
    return { removedChunks };
  });
}
