import { jobStatus } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { ndjson, runCli, startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 20 });
const redis = useRedisServer();

const INPUTS = 3000;
const CHUNK = 100;

describe('enqueue killed (SIGKILL) or stopped (SIGTERM) at random points, then run again', () => {
  it('resumes feeding where it stopped: every input once, status says lost in between', async () => {
    const { upstream } = demo;
    const urls = Array.from({ length: INPUTS }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const file = tmpFile('urls.txt', `${urls.join('\n')}\n`);
    const args = ['enqueue', '--queue', redis.url, '--job', 'resume', '--file', file, '--chunk-size', String(CHUNK), '--max-waiting', '2', '--ttl', '3600'];
    upstream.resetStats();
    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '4', '--lock-ms', '2000']);

    const stops: Array<'SIGKILL' | 'SIGTERM'> = ['SIGKILL', 'SIGTERM', 'SIGKILL'];
    for (const [round, signal] of stops.entries()) {
      const enqueue = startCli(args);
      // Somewhere in this round's third of the list, at a random input.
      const target = 300 + round * 800 + Math.floor(Math.random() * 500);
      const fed = await until(() => jobStatus(redis.url, 'resume').catch(() => undefined), (s) => (s?.total ?? 0) >= target, 60_000);
      expect(fed?.enqueue).toBe('feeding');
      enqueue.child.kill(signal);
      const stopped = await enqueue.done;
      expect(stopped.stderr).not.toContain('waiting until it is lost');
      if (signal === 'SIGTERM') {
        expect(stopped.code).toBe(143);
        expect(stopped.stderr).toMatch(/enqueue of job resume stopped after \d+ inputs in \d+ chunks; run the same command again to resume/);
        expect((await jobStatus(redis.url, 'resume')).enqueue).toBe('lost');
      } else if (round > 0) {
        // Killed on this host: the next enqueue sees its pid is gone and resumes at once.
        expect(stopped.signal).toBe('SIGKILL');
      } else {
        expect(stopped.signal).toBe('SIGKILL');
        // Lost once its heartbeat is 10 s old on Redis's clock.
        const lost = await until(() => jobStatus(redis.url, 'resume'), (s) => s.enqueue === 'lost', 30_000);
        expect(lost).toMatchObject({ state: 'enqueuing', enqueue: 'lost' });
        const text = await runCli(['status', '--queue', redis.url, '--job', 'resume']);
        expect(text.stdout).toContain('enqueue lost: run the same enqueue again to resume');
      }
      expect((await jobStatus(redis.url, 'resume')).total).toBeLessThan(INPUTS);
    }

    const other = tmpFile('other.txt', `${urls.slice(1).join('\n')}\n`);
    const refused = await runCli(['enqueue', '--queue', redis.url, '--job', 'resume', '--file', other, '--chunk-size', String(CHUNK)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/job "resume" was fed \d+ inputs of another list: give the same input list to resume it/);

    const last = await runCli(args);
    expect(last.code).toBe(0);
    expect(last.stderr).not.toContain('waiting until it is lost');
    expect(last.stderr).toMatch(new RegExp(`enqueued job resume: ${INPUTS} inputs in ${INPUTS / CHUNK} chunks \\(resumed after \\d+\\)`));
    const final = await until(() => jobStatus(redis.url, 'resume'), (s) => s.state === 'complete', 90_000);
    expect(final).toMatchObject({ state: 'complete', enqueue: 'done', total: INPUTS, results: INPUTS, failed: 0 });

    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`job resume was already enqueued: ${INPUTS} inputs`);

    worker.child.kill('SIGTERM');
    await worker.done;
    const { code, stdout } = await runCli(['results', '--queue', redis.url, '--job', 'resume']);
    expect(code).toBe(0);
    const lines = ndjson(stdout);
    expect(lines.map((l) => l.index)).toEqual(urls.map((_, i) => i));
    expect(lines.every((l) => l.url === urls[Number(l.index)])).toBe(true);
    // A chunk is fed at most twice (added, then the enqueue died before recording it).
    expect(upstream.stats.requests).toBeGreaterThanOrEqual(INPUTS);
    expect(upstream.stats.requests).toBeLessThanOrEqual(INPUTS + stops.length * CHUNK);
  }, 240_000);
});
