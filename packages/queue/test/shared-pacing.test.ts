import { describe, expect, it } from 'vitest';
import { RedisLimits } from '../src/index.js';
import { startBudgetServer } from '../../core/test/pacing/budget-server.js';
import { useThreeConnections, workerRun } from './paced-workers.js';

const connections = useThreeConnections();

describe('pacing by announced budgets is shared by workers through Redis', () => {
  it('3 workers, 40 requests each at concurrency 8, against 30 a second: all ok, zero 429s at the server', async () => {
    // 30 a window: the first 24 (sent by the three before any answer) fit in one window.
    // Budgets are kept for a job that exists (none once it is gone).
    await connections.all[0]?.hset('fanout:job:paced:meta', 'created', Date.now());
    const server = await startBudgetServer('ratelimit-field', 30, 1000);
    try {
      const workers = connections.all.map((redis) => new RedisLimits(redis, 'paced', {}));
      const all = await Promise.all(workers.map((limits, w) => workerRun(server.url, w, limits)));

      expect(all.flat().filter((r) => !r.ok)).toEqual([]);
      expect(server.ok).toBe(120);
      expect(server.tooMany).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
