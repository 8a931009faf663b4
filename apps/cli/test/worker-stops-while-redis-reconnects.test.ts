import { jobStatus, startRedisServer, type RunningRedisServer } from '@fanout/queue';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './queue-until.js';
import { runCli, startCli, useDemoUpstream } from './run-cli.js';

// A worker stopped while its connections wait to reconnect (Redis down, or just restarted
// without its data) exits: BullMQ's close waited forever for the blocking connection's `end`,
// which ioredis never emits for a client disconnected in that state.

const demo = useDemoUpstream();
let redis: RunningRedisServer | undefined;
afterEach(() => redis?.stop());

async function readyWorker(url: string) {
  const worker = startCli(['worker', '--queue', url, '--concurrency', '4', '--lock-ms', '2000']);
  let stderr = '';
  worker.child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const ready = await until(async () => stderr, (text) => text.includes('waiting for chunks'), 90_000);
  expect(ready).toContain('waiting for chunks');
  return worker;
}

const exited = (worker: ReturnType<typeof startCli>) => until(async () => worker.child.exitCode !== null || worker.child.signalCode !== null, (done) => done, 30_000);

/** Checks that the worker exits by itself within 30 s, with code 0 (one still running then is killed). */
async function expectExitsByItself(worker: ReturnType<typeof startCli>): Promise<void> {
  const gone = await exited(worker);
  if (!gone) worker.child.kill('SIGKILL');
  expect(gone).toBe(true);
  expect((await worker.done).code).toBe(0);
}

describe('a worker SIGTERMed while its Redis connection reconnects', () => {
  it('exits (code 0) while Redis is down', async () => {
    redis = await startRedisServer();
    const worker = await readyWorker(redis.url);
    await redis.stop();
    redis = undefined;
    worker.child.kill('SIGTERM');
    await expectExitsByItself(worker);
  }, 180_000);

  it('exits (code 0) when Redis comes back without its data after the SIGTERM', async () => {
    redis = await startRedisServer();
    const worker = await readyWorker(redis.url);
    await redis.stop();
    worker.child.kill('SIGTERM');
    redis = await startRedisServer({ port: redis.port });
    await expectExitsByItself(worker);
  }, 180_000);

  it('exits (code 0) while Redis is down after it ran a job (its last report to Redis is not waited for)', async () => {
    redis = await startRedisServer();
    const worker = await readyWorker(redis.url);
    const urls = Array.from({ length: 10 }, (_, i) => `${demo.upstream.url}/posts/${i + 1}`);
    expect((await runCli(['enqueue', '--queue', redis.url, '--job', 'ran', '--chunk-size', '5', ...urls])).code).toBe(0);
    const status = await until(() => jobStatus(redis?.url ?? '', 'ran'), (s) => s.state === 'complete', 60_000);
    expect(status.state).toBe('complete');
    await redis.stop();
    redis = undefined;
    worker.child.kill('SIGTERM');
    await expectExitsByItself(worker);
  }, 180_000);
});
