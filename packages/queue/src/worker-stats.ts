import type { Redis } from 'ioredis';
import { jobKeys } from './keys.js';
import { evalScript } from './eval-script.js';

// Writes one worker's counters into a job's workers hash, only while the job exists: a job that
// expired or that Redis lost gets no orphan keys. KEYS: meta, workers. ARGV: field, value pairs.
const PUBLISH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV))
return 1`;

/** Per-job counters of this worker, written to Redis for `fanout status`. */
export class WorkerStats {
  private readonly byJob = new Map<string, { done: number; failed: number; inFlight: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly id: string,
    private readonly lockMs: number,
  ) {}

  of(job: string) {
    let stats = this.byJob.get(job);
    if (!stats) this.byJob.set(job, (stats = { done: 0, failed: 0, inFlight: 0 }));
    return stats;
  }

  /** Writes every job's counters, with the time seen; forgets jobs no longer on the queue. */
  async publish(stopped = false): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.byJob].map(async ([job, s]) => {
        const keys = jobKeys(job);
        const fields = { done: s.done, failed: s.failed, inflight: s.inFlight, seen: now, lockms: this.lockMs, stopped: stopped ? 1 : 0 };
        const args = Object.entries(fields).flatMap(([name, value]) => [`${this.id}:${name}`, value]);
        const published = Number(await evalScript(this.redis, PUBLISH, 2, keys.meta, keys.workers, ...args));
        if (published === 0 && s.inFlight === 0) this.byJob.delete(job);
      }),
    );
  }
}
