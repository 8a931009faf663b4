import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoUpstream, type DemoUpstream } from '@fanout/demo-upstream';
import { jobStatus, startRedisServer } from '@fanout/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './queue-until.js';
import { ndjson, runCli, startCli } from './run-cli.js';

let redis: { url: string; stop(): Promise<void> };
let upstream: DemoUpstream;
beforeAll(async () => {
  redis = await startRedisServer();
  upstream = await startDemoUpstream({ latency: 20 });
}, 30_000);
afterAll(async () => {
  await upstream?.close();
  await redis?.stop();
});

function urlFile(urls: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fanout-q-')), 'urls.txt');
  writeFileSync(file, `${urls.join('\n')}\n`);
  return file;
}

describe('scale-out on BullMQ and Redis', () => {
  it('3 workers, one SIGKILLed mid-run: every one of 5,000 inputs gets exactly one result', async () => {
    const urls = Array.from({ length: 5000 }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const enqueue = await runCli(['enqueue', '--queue', redis.url, '--job', 'kill-test', '--file', urlFile(urls), '--chunk-size', '250']);
    expect(enqueue.code).toBe(0);
    expect(enqueue.stderr).toContain('enqueued job kill-test: 5000 inputs in 20 chunks');

    upstream.resetStats();
    const workers = [0, 1, 2].map(() => startCli(['worker', '--queue', redis.url, '--concurrency', '10', '--lock-ms', '2000']));
    const victim = `${hostname()}-${workers[0]?.child.pid}`;
    // Kill it while it is in the middle of a chunk, with results of that chunk partly written.
    const midway = await until(
      () => jobStatus(redis.url, 'kill-test'),
      (s) => s.results >= 1200 && (s.workers.find((w) => w.id === victim)?.inFlight ?? 0) > 0,
      60_000,
    );
    expect(midway.state).not.toBe('complete');
    // Make sure it dies mid-chunk (not between two chunks): with every answer 3 s late, all
    // 3 × 10 slots end up waiting at the upstream, the victim's 10 among them.
    upstream.configure({ latency: 3000 });
    const held = await until(async () => upstream.stats.inFlight, (inFlight) => inFlight >= 30, 60_000);
    expect(held).toBeGreaterThanOrEqual(30);
    workers[0]?.child.kill('SIGKILL');
    upstream.configure({ latency: 20 });

    const final = await until(() => jobStatus(redis.url, 'kill-test'), (s) => s.state === 'complete', 90_000);
    for (const worker of workers.slice(1)) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));

    expect(final.state).toBe('complete');
    const { code, stdout } = await runCli(['results', '--queue', redis.url, '--job', 'kill-test']);
    const lines = ndjson(stdout);
    expect(code).toBe(0);
    expect(lines).toHaveLength(5000);
    expect(lines.map((l) => l.index)).toEqual(urls.map((_, i) => i));
    expect(lines.every((l) => l.ok === true && l.url === urls[Number(l.index)])).toBe(true);
    expect(final.workers.length).toBe(3);
    // The victim's chunk was taken over and run again: more requests than inputs, same results.
    expect(upstream.stats.requests).toBeGreaterThan(5000);
  }, 180_000);

  it('a per-host rate limit holds across 3 workers (requests per second counted at the upstream)', async () => {
    const arrivals: number[] = [];
    const server: Server = createServer((_req, res) => {
      arrivals.push(Date.now());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const urls = Array.from({ length: 60 }, (_, i) => `${base}/r/${i}`);
    await runCli(['enqueue', '--queue', redis.url, '--job', 'rate-test', '--file', urlFile(urls), '--chunk-size', '10', '--per-host-rate', '20']);
    const startedAt = Date.now();
    const workers = [0, 1, 2].map(() => startCli(['worker', '--queue', redis.url, '--concurrency', '5']));
    const final = await until(() => jobStatus(redis.url, 'rate-test'), (s) => s.state === 'complete', 60_000);
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));
    await new Promise((resolve) => server.close(resolve));

    expect(final.state).toBe('complete');
    expect(arrivals).toHaveLength(60);
    // 20/s across all workers means slots booked 50 ms apart in Redis (whose clock is this
    // machine's), none before the workers started, and no request is sent before its slot. So
    // however late a busy machine sends them, at most X/50 requests (+1 for timer rounding) can
    // have arrived within X ms of the start. Without the shared limit, 3 x 5 in flight would
    // send all 60 in well under a second.
    for (const ms of [500, 1000, 1500, 2000, 2500]) expect(arrivals.filter((t) => t < startedAt + ms).length).toBeLessThanOrEqual(ms / 50 + 1);
    expect(new Set(final.workers.filter((w) => w.done > 0).map((w) => w.id)).size).toBeGreaterThan(1);
  }, 120_000);

  it('SIGTERM lets a worker finish its chunk, then it exits 0', async () => {
    const urls = Array.from({ length: 40 }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}`);
    await runCli(['enqueue', '--queue', redis.url, '--job', 'term-test', '--file', urlFile(urls), '--chunk-size', '40']);
    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '2']);
    await until(() => jobStatus(redis.url, 'term-test'), (s) => s.results >= 4, 30_000);
    worker.child.kill('SIGTERM');
    const { code, stderr } = await worker.done;
    const status = await jobStatus(redis.url, 'term-test');
    expect(code).toBe(0);
    expect(stderr).toContain('stopping after the current chunk');
    expect(status.results).toBe(40);
  }, 60_000);
});

describe('scale-out usage errors exit 2 with one line and a hint', () => {
  it.each([
    [['worker', '--queue', 'http://127.0.0.1:6379/0'], /queue URL "http:\/\/127.0.0.1:6379\/0" is not a redis:\/\/ or rediss:\/\/ URL/],
    [['status', '--queue', 'not a url', '--job', 'x'], /is not a URL/],
    [['results', '--queue', 'redis://127.0.0.1:1/0', '--job', 'x'], /cannot reach the queue at redis:\/\/127\.0\.0\.1:1\/0 \(ECONNREFUSED\)/],
    [['enqueue', '--queue', 'redis://127.0.0.1:1/0', '--job', 'x', 'http://127.0.0.1:9/'], /cannot reach the queue/],
    [['enqueue', '--job', 'x', 'http://127.0.0.1:9/'], /required option '--queue <url>' not specified/],
    [['status', '--queue', 'redis://127.0.0.1:6379/0', '--job', 'bad name!'], /job name "bad name!" must be/],
  ])('%j', async (args, reason) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(reason);
  });

  it('an unknown job and a job name fed another list are usage errors too; the same list again adds nothing', async () => {
    const unknown = await runCli(['status', '--queue', redis.url, '--job', 'never-enqueued']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no job "never-enqueued"/);
    await runCli(['enqueue', '--queue', redis.url, '--job', 'twice', `${upstream.url}/posts/1`]);
    const other = await runCli(['enqueue', '--queue', redis.url, '--job', 'twice', `${upstream.url}/posts/2`]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/job "twice" was fed 1 inputs of another list/);
    const same = await runCli(['enqueue', '--queue', redis.url, '--job', 'twice', `${upstream.url}/posts/1`]);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('job twice was already enqueued: 1 inputs in 1 chunks; nothing to add');
  }, 60_000);
});
