/** The BullMQ queue every fanout job's chunks go through. */
export const QUEUE_NAME = 'fanout-chunks';
export const PREFIX = 'fanout';

/** Redis keys of one job. */
export function jobKeys(job: string) {
  const base = `${PREFIX}:job:${job}`;
  return {
    meta: `${base}:meta`,
    results: `${base}:results`,
    workers: `${base}:workers`,
    budget: `${base}:budget`,
    globalRate: `${base}:rate`,
    hostRate: (host: string) => `${base}:rate:${host}`,
    hostPause: (host: string) => `${base}:pause:${host}`,
  };
}
