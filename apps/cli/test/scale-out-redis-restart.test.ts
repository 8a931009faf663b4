import { jobStatus, startRedisServer } from '@fanout/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './queue-until.js';
import { startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 20 });
let redis: Awaited<ReturnType<typeof startRedisServer>>;
beforeAll(async () => {
  redis = await startRedisServer();
}, 30_000);
afterAll(() => redis?.stop());

describe('Redis restarted without persistence while enqueue feeds', () => {
  it('enqueue notices the job is gone and fails (exit 1) with a clear message', async () => {
    const urls = Array.from({ length: 3000 }, (_, i) => `${demo.upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const file = tmpFile('urls.txt', `${urls.join('\n')}\n`);
    const enqueue = startCli(['enqueue', '--queue', redis.url, '--job', 'rr', '--file', file, '--chunk-size', '100', '--max-waiting', '2']);
    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '4', '--lock-ms', '2000']);
    const target = 300 + Math.floor(Math.random() * 1500);
    await until(() => jobStatus(redis.url, 'rr').catch(() => undefined), (s) => (s?.total ?? 0) >= target, 60_000);
    await redis.stop();
    redis = await startRedisServer({ port: redis.port });

    const enqueued = await enqueue.done;
    worker.child.kill('SIGTERM');
    await worker.done;
    expect(enqueued.code).toBe(1);
    expect(enqueued.stderr).toMatch(/job "rr" is no longer on the queue after \d+ of its inputs were fed: Redis lost its data/);
    expect(enqueued.stderr).not.toContain('enqueued job rr');
  }, 120_000);
});
