import { hostname } from 'node:os';
import { jobStatus } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { runCli, startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 100 });
const redis = useRedisServer();

const INPUTS = 200;
const CONCURRENCY = 5;

describe("a worker SIGKILLed mid-chunk while another is idle (--lock-ms 3000)", () => {
  it('the idle worker takes the chunk over and runs only the inputs without a result', async () => {
    const { upstream } = demo;
    const urls = Array.from({ length: INPUTS }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const enqueued = await runCli(['enqueue', '--queue', redis.url, '--job', 'takeover', '--file', tmpFile('urls.txt', `${urls.join('\n')}\n`), '--chunk-size', String(INPUTS)]);
    expect(enqueued.code).toBe(0);
    upstream.resetStats();
    const args = ['worker', '--queue', redis.url, '--concurrency', String(CONCURRENCY), '--lock-ms', '3000'];
    const victim = startCli(args);
    const victimId = `${hostname()}-${victim.child.pid}`;
    await until(() => jobStatus(redis.url, 'takeover'), (s) => s.results > 0, 60_000);
    const idle = startCli(args);
    const idleId = `${hostname()}-${idle.child.pid}`;
    let idleLog = '';
    idle.child.stderr?.on('data', (chunk: string) => (idleLog += chunk));
    await until(async () => idleLog, (log) => log.includes('waiting for chunks'), 60_000);
    const midway = await until(() => jobStatus(redis.url, 'takeover'), (s) => s.results >= INPUTS / 2, 60_000);
    expect(midway.state).toBe('running');
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    const atKill = upstream.stats.requests;

    await until(() => jobStatus(redis.url, 'takeover'), (s) => (s.workers.find((w) => w.id === idleId)?.done ?? 0) > 0, 60_000);
    const takenOverMs = Date.now() - killedAt;
    const final = await until(() => jobStatus(redis.url, 'takeover'), (s) => s.state === 'complete', 60_000);
    idle.child.kill('SIGTERM');
    await idle.done;

    expect(final).toMatchObject({ state: 'complete', results: INPUTS, failed: 0 });
    expect(final.workers.find((w) => w.id === victimId)?.state).toBe('lost');
    // Re-sent: only what the victim had in flight or had not stored yet, not the whole chunk.
    const resent = upstream.stats.requests - INPUTS;
    expect(resent).toBeGreaterThanOrEqual(0);
    expect(resent).toBeLessThan(atKill - midway.results + 2 * CONCURRENCY + 1);
    expect(upstream.stats.requests).toBeLessThan(INPUTS + INPUTS / 2);
    console.log(`takeover after ${takenOverMs} ms (--lock-ms 3000); ${resent} requests sent twice`);
  }, 120_000);
});
