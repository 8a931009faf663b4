import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { jobStatus, openRedis, parseQueueUrl } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { BIN, runCli, startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 5 });
const redis = useRedisServer();

const INPUTS = 6000;

/** `fanout results --follow` appending to `file` (as `>> file` would), stderr captured. */
function follower(job: string, file: string) {
  const fd = openSync(file, 'a');
  const child = spawn(process.execPath, [BIN, 'results', '--queue', redis.url, '--job', job, '--follow'], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', fd, 'pipe'],
  });
  closeSync(fd);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}


/** Resolves once `file` has grown past `bytes` or `stop()` says so, checking between event-loop turns (a follower drains thousands of lines a second). */
async function untilGrown(file: string, bytes: number, stop: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (statSync(file).size < bytes && !stop() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
}

describe('results --follow killed (SIGKILL) or stopped (SIGTERM) at random moments, restarted on the same file', () => {
  it('the file ends with exactly one line per input', async () => {
    const urls = Array.from({ length: INPUTS }, (_, i) => `${demo.upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const enqueue = await runCli(['enqueue', '--queue', redis.url, '--job', 'restart', '--file', tmpFile('urls.txt', `${urls.join('\n')}\n`), '--chunk-size', '200', '--max-waiting', '100']);
    expect(enqueue.code).toBe(0);
    const workers = [0, 1].map(() => startCli(['worker', '--queue', redis.url, '--concurrency', '10', '--lock-ms', '2000']));
    // Followers come once half the results wait in Redis: each drains a backlog in batches of
    // 1000 lines, and is killed somewhere in the middle of one.
    await until(() => jobStatus(redis.url, 'restart'), (s) => s.results >= INPUTS / 2, 90_000);
    const out = tmpFile('out.ndjson', '');

    const stops: Array<'SIGKILL' | 'SIGTERM'> = ['SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL'];
    let signalled = 0;
    for (const signal of stops) {
      const run = follower('restart', out);
      let exited = false;
      void run.done.then(() => (exited = true));
      // A random amount more output (~30-200 lines), then the signal lands wherever the follower
      // is. Small enough that 10 rounds, each overshooting by what one write carries, stay well
      // short of the 6,000 lines (with ~100-700 a round, a fast follower finished the job after 4).
      await untilGrown(out, statSync(out).size + 10_000 + Math.floor(Math.random() * 60_000), () => exited, 60_000);
      if (exited) break; // every line is written: the rounds left have nothing to interrupt
      run.child.kill(signal);
      signalled++;
      const stopped = await run.done;
      // It wrote the last line and exited between the check above and the signal: nothing left to interrupt.
      if (stopped.code === 0 && stopped.stderr === '') break;
      if (signal === 'SIGKILL') expect(stopped, stopped.stderr).toMatchObject({ signal: 'SIGKILL' });
      // Once running, SIGTERM stops it cleanly (during Node's start-up it still kills it).
      else if (stopped.code !== null) {
        expect(stopped.code).toBe(143);
        expect(stopped.stderr).toContain('stopped following job restart');
      }
    }
    expect(signalled).toBeGreaterThanOrEqual(5);
    const last = await follower('restart', out).done;
    expect(last.code).toBe(0);
    expect(last.stderr).toBe('');
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));

    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const indexes = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { index: number }).index);
    const counts = new Map<number, number>();
    for (const index of indexes) counts.set(index, (counts.get(index) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).length).toBe(0); // none twice
    expect(urls.map((_, i) => i).filter((i) => !counts.has(i)).length).toBe(0); // none missing
    expect(indexes).toHaveLength(INPUTS);
    expect(await jobStatus(redis.url, 'restart')).toMatchObject({ state: 'complete', results: INPUTS, followed: INPUTS });
    const client = await openRedis(parseQueueUrl(redis.url));
    try {
      expect(await client.hlen('fanout:job:restart:results')).toBe(0);
      expect(await client.exists('fanout:job:restart:pending')).toBe(0);
    } finally {
      client.disconnect();
    }
    expect((await runCli(['status', '--queue', redis.url, '--job', 'restart'])).stdout).toContain(`${INPUTS}/${INPUTS} results`);
  }, 300_000);
});
