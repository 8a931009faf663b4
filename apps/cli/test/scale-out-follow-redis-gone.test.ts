import { openRedis, parseQueueUrl, startRedisServer } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { until } from './queue-until.js';
import { runCli, startCli, type CliRun } from './run-cli.js';

describe('results --follow stopped (SIGTERM) while its Redis is gone', () => {
  it('exits 143 instead of waiting for Redis for ever', async () => {
    const redis = await startRedisServer();
    let stopped = false;
    try {
      expect((await runCli(['enqueue', '--queue', redis.url, '--job', 'gone', 'http://127.0.0.1:9/x'])).code).toBe(0);
      // No worker: the follower waits for results, in its blocking read.
      const follower = startCli(['results', '--queue', redis.url, '--job', 'gone', '--follow']);
      const client = await openRedis(parseQueueUrl(redis.url));
      await until(() => client.hget('fanout:job:gone:meta', 'follower'), (holder) => holder !== null, 30_000);
      client.disconnect();
      await redis.stop();
      stopped = true;
      follower.child.kill('SIGTERM');
      const end = await Promise.race([follower.done, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000))]);
      if (end === 'still running') follower.child.kill('SIGKILL');
      expect((end as CliRun).code).toBe(143);
      expect((end as CliRun).stderr).toContain('stopped following job gone');
    } finally {
      if (!stopped) await redis.stop();
    }
  }, 90_000);
});
