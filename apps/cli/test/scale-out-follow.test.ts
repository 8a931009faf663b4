import { hostname } from 'node:os';
import { jobStatus, openRedis, parseQueueUrl } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { ndjson, runCli, startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 20 });
const redis = useRedisServer();

describe('results --follow with a worker SIGKILLed mid-chunk', () => {
  it('writes exactly one line per input, removes them from Redis, and status counts each input once', async () => {
    const { upstream } = demo;
    const urls = Array.from({ length: 3000 }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const file = tmpFile('urls.txt', `${urls.join('\n')}\n`);
    upstream.resetStats();
    // A backlog of at most 2 chunks: enqueue feeds the rest as the workers drain it.
    const enqueue = startCli(['enqueue', '--queue', redis.url, '--job', 'follow', '--file', file, '--chunk-size', '200', '--max-waiting', '2', '--ttl', '3600']);
    await until(() => runCli(['jobs', '--queue', redis.url, '-o', 'json']), (r) => r.stdout.includes('"follow"'), 30_000);
    const follower = startCli(['results', '--queue', redis.url, '--job', 'follow', '--follow']);
    const workers = [0, 1].map(() => startCli(['worker', '--queue', redis.url, '--concurrency', '10', '--lock-ms', '2000']));
    const victim = `${hostname()}-${workers[0]?.child.pid}`;
    await until(() => jobStatus(redis.url, 'follow'), (s) => s.results >= 600, 60_000);
    // Answers now take 5 s: requests the victim sends from here are still in flight when it is
    // killed (a report of requests in flight can be 250 ms old: the victim may have had none left
    // by the kill, and then nothing of its chunk would run again).
    upstream.configure({ latency: 5000 });
    const holdFrom = Date.now();
    const midway = await until(
      () => jobStatus(redis.url, 'follow'),
      (s) => s.workers.some((w) => w.id === victim && w.inFlight > 0 && Date.now() - w.seenMsAgo > holdFrom + 100),
      60_000,
    );
    expect(midway.state).not.toBe('complete');
    workers[0]?.child.kill('SIGKILL');
    upstream.configure({ latency: 20 });

    const lost = await until(() => jobStatus(redis.url, 'follow'), (s) => s.workers.find((w) => w.id === victim)?.state === 'lost', 30_000);
    expect(lost.workers.find((w) => w.id === victim)?.state).toBe('lost');

    const followed = await follower.done;
    const enqueued = await enqueue.done;
    workers[1]?.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));

    expect(enqueued.code).toBe(0);
    expect(enqueued.stderr).toContain('enqueued job follow: 3000 inputs in 15 chunks');
    expect(followed.code).toBe(0);
    const lines = ndjson(followed.stdout);
    expect(lines).toHaveLength(3000);
    expect(new Set(lines.map((l) => l.index)).size).toBe(3000);
    expect(lines.every((l) => l.ok === true && l.url === urls[Number(l.index)])).toBe(true);
    // The victim's chunk ran again (more requests than inputs), yet each input counts once.
    expect(upstream.stats.requests).toBeGreaterThan(3000);
    const status = await runCli(['status', '--queue', redis.url, '--job', 'follow', '-o', 'json']);
    const json = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ state: 'complete', total: 3000, results: 3000, followed: 3000, failed: 0 });
    expect(json).not.toHaveProperty('complete');

    const client = await openRedis(parseQueueUrl(redis.url));
    try {
      expect(await client.hlen('fanout:job:follow:results')).toBe(0);
      const ttl = await client.ttl('fanout:job:follow:meta');
      expect(ttl).toBeGreaterThan(3000);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      client.disconnect();
    }
    const listed = await runCli(['jobs', '--queue', redis.url]);
    expect(listed.stdout).toMatch(/^follow\s+complete\s+3000\/3000\s+0\s/m);
  }, 180_000);
});
