/** The BullMQ queue every fanout job's chunks go through. */
export const QUEUE_NAME = 'fanout-chunks';
export const PREFIX = 'fanout';
/** Sorted set of job names by creation time, for `fanout jobs`. */
export const JOBS_KEY = `${PREFIX}:jobs`;

/** Redis keys of one job. */
export function jobKeys(job: string) {
  const base = `${PREFIX}:job:${job}`;
  return {
    meta: `${base}:meta`,
    /** Hash: input index → NDJSON line, until a follower has written it. */
    results: `${base}:results`,
    /** Stream of the indexes stored, in the order they were stored (what a follower reads). */
    stored: `${base}:stored`,
    /** Bitmap by input index: set once the input's result is stored, so a re-run never stores it twice. */
    done: `${base}:done`,
    /** Stream with one entry once the job has ended: wakes a follower blocked reading `stored` with it. */
    ended: `${base}:ended`,
    /** Bitmap by input index: set once a follower has written (and flushed) the input's line. */
    acked: `${base}:acked`,
    /** The batch a follower is writing (JSON), until it is acknowledged: what a restarted follower checks. */
    pending: `${base}:pending`,
    workers: `${base}:workers`,
    budget: `${base}:budget`,
    globalRate: `${base}:rate`,
    hostRate: (host: string) => `${base}:rate:${host}`,
    hostPause: (host: string) => `${base}:pause:${host}`,
    /** Sorted set of the leases on `perHost` slots of a host (lease → expiry), across workers. */
    hostLeases: (host: string) => `${base}:leases:${host}`,
    /** Hash of a host's circuit breaker (failures in a row, open until, probe lease), across workers. */
    hostCircuit: (host: string) => `${base}:circuit:${host}`,
    /** Hash of the budget a host announced in rate-limit headers (sends, answers, caps), across workers. */
    hostBudget: (host: string) => `${base}:ratelimit:${host}`,
  };
}

/** The keys that live as long as the job (they get its TTL when it ends); `ended` is the last. */
export function lastingKeys(job: string): string[] {
  const keys = jobKeys(job);
  return [keys.meta, keys.results, keys.stored, keys.done, keys.acked, keys.pending, keys.workers, keys.budget, keys.ended];
}
