import { jobStatus } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useHttpServer } from './http-server.js';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { runCli, startCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

/** Requests received, by job (the first path segment). */
const received = new Map<string, number>();
const redis = useRedisServer();
const upstream = useHttpServer((req, res) => {
  const job = req.url?.split('/')[1] ?? '';
  received.set(job, (received.get(job) ?? 0) + 1);
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 50);
});

describe('fanout cancel --job NAME', () => {
  it("stops a job: its enqueue and follower end, workers drop its chunks and go on with other jobs", async () => {
    const file = tmpFile('urls.txt', `${Array.from({ length: 2000 }, (_, i) => `${upstream.base}/doomed/${i}`).join('\n')}\n`);
    const enqueue = startCli(['enqueue', '--queue', redis.url, '--job', 'doomed', '--file', file, '--chunk-size', '50', '--max-waiting', '3']);
    await until(() => runCli(['jobs', '--queue', redis.url, '-o', 'json']), (r) => r.stdout.includes('"doomed"'), 30_000);
    const follower = startCli(['results', '--queue', redis.url, '--job', 'doomed', '--follow']);
    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '4']);
    await until(() => jobStatus(redis.url, 'doomed'), (s) => s.results >= 20, 60_000);

    const cancelled = await runCli(['cancel', '--queue', redis.url, '--job', 'doomed']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stderr).toMatch(/cancelled job doomed: \d+ waiting chunks removed/);
    const [enqueued, followed] = await Promise.all([enqueue.done, follower.done]);
    expect(enqueued.code).toBe(1);
    expect(enqueued.stderr).toContain('job doomed was cancelled while enqueuing');
    expect(followed.code).toBe(1);
    expect(followed.stderr).toContain('job doomed was cancelled');

    // The worker is free for the next job, which it runs only once it has dropped the cancelled one.
    const next = await runCli(['enqueue', '--queue', redis.url, '--job', 'next', `${upstream.base}/next/1`, `${upstream.base}/next/2`]);
    expect(next.code).toBe(0);
    const done = await until(() => jobStatus(redis.url, 'next'), (s) => s.state === 'complete', 60_000);
    expect(done.state).toBe('complete');
    const sentForDoomed = received.get('doomed') ?? 0;
    // Drain: nothing of the cancelled job is left for the worker to take.
    const after = await runCli(['enqueue', '--queue', redis.url, '--job', 'after', `${upstream.base}/after/1`]);
    expect(after.code).toBe(0);
    await until(() => jobStatus(redis.url, 'after'), (s) => s.state === 'complete', 60_000);
    worker.child.kill('SIGTERM');
    const stopped = await worker.done;

    expect(received.get('doomed')).toBe(sentForDoomed);
    expect(sentForDoomed).toBeLessThan(2000);
    const status = await jobStatus(redis.url, 'doomed');
    expect(status.state).toBe('cancelled');
    expect(status.results).toBeLessThan(2000);
    expect(stopped.stderr).toMatch(/job doomed chunk \d+: dropped, the job was cancelled/);
    const again = await runCli(['cancel', '--queue', redis.url, '--job', 'doomed']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('job "doomed" has already ended (cancelled)');
  }, 120_000);
});
