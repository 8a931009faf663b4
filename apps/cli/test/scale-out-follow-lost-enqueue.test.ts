import { jobStatus } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { ndjson, runCli, startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 5 });
const redis = useRedisServer();

describe('a follower of a job whose enqueue is killed', () => {
  it('says the enqueue is lost, keeps waiting, says when it is back, and ends with every line', async () => {
    const urls = Array.from({ length: 300 }, (_, i) => `${demo.upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const args = ['enqueue', '--queue', redis.url, '--job', 'orphan', '--file', tmpFile('urls.txt', `${urls.join('\n')}\n`), '--chunk-size', '100', '--max-waiting', '1'];
    // No worker yet: the enqueue waits with one chunk queued.
    const enqueue = startCli(args);
    await until(() => jobStatus(redis.url, 'orphan').catch(() => undefined), (s) => (s?.total ?? 0) >= 100, 60_000);
    const follower = startCli(['results', '--queue', redis.url, '--job', 'orphan', '--follow']);
    let log = '';
    follower.child.stderr?.on('data', (chunk: string) => (log += chunk));
    enqueue.child.kill('SIGKILL');
    await enqueue.done;
    await until(async () => log, (text) => text.includes('is lost'), 30_000);
    expect(log).toContain('fanout: the enqueue of job orphan is lost (not heard from for 10 s): run the same enqueue again to feed the rest; waiting for it');
    expect(follower.child.exitCode).toBeNull(); // still waiting

    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '5']);
    const resumed = await runCli(args);
    expect(resumed.code).toBe(0);
    const followed = await follower.done;
    worker.child.kill('SIGTERM');
    await worker.done;
    expect(followed.code).toBe(0);
    expect(followed.stderr).toContain('fanout: the enqueue of job orphan is back');
    expect(ndjson(followed.stdout).map((l) => l.index).sort((a, b) => Number(a) - Number(b))).toEqual(urls.map((_, i) => i));
  }, 120_000);
});
