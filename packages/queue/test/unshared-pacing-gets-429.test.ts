import type { SharedLimits } from '@fanout/core';
import { expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { startBudgetServer } from '../../core/test/pacing/budget-server.js';
import { useThreeConnections, workerRun } from './paced-workers.js';

const connections = useThreeConnections();

/** The worker's Redis limits without `announceBudget`: each worker paces by what it sees alone. */
function perWorkerPacing(limits: RedisLimits): SharedLimits {
  return {
    reserve: (host, signal) => limits.reserve(host, signal),
    pause: (host, ms) => limits.pause(host, ms),
    recordRequest: () => limits.recordRequest(),
    tryTakeRetry: () => limits.tryTakeRetry(),
  };
}

it('without the shared budget the same 3 workers get 429s (so the shared-pacing test can fail)', async () => {
  // Budgets are kept for a job that exists (none once it is gone).
  await connections.all[0]?.hset('fanout:job:unshared:meta', 'created', Date.now());
  const server = await startBudgetServer('ratelimit-field', 30, 1000);
  try {
    const workers = connections.all.map((redis) => perWorkerPacing(new RedisLimits(redis, 'unshared', {})));
    await Promise.all(workers.map((limits, w) => workerRun(server.url, w, limits)));
    expect(server.tooMany).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
}, 60_000);
