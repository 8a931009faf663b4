import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { jobStatus, openRedis, parseQueueUrl, startRedisServer } from '@fanout/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './queue-until.js';
import { BIN, runCli, startCli, useDemoUpstream } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 20 });
let redis: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  redis = await startRedisServer();
}, 30_000);
afterAll(() => redis?.stop());

const INPUTS = 3000;

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

/** Lines in `file` so far (a partial last line not counted). */
const lineCount = (file: string) => readFileSync(file, 'utf8').split('\n').length - 1;

describe('results --follow killed (SIGKILL) or stopped (SIGTERM) at random moments, restarted on the same file', () => {
  it('the file ends with exactly one line per input', async () => {
    const urls = Array.from({ length: INPUTS }, (_, i) => `${demo.upstream.url}/posts/${(i % 100) + 1}?i=${i}`);
    const enqueue = startCli(['enqueue', '--queue', redis.url, '--job', 'restart', '--file', tmpFile('urls.txt', `${urls.join('\n')}\n`), '--chunk-size', '100', '--max-waiting', '3']);
    // One slow worker: lines come in over ~20 s, so each signal lands while the follower keeps up.
    const workers = [startCli(['worker', '--queue', redis.url, '--concurrency', '3', '--lock-ms', '2000'])];
    const out = tmpFile('out.ndjson', '');

    const stops: Array<'SIGKILL' | 'SIGTERM'> = ['SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL'];
    let signalled = 0;
    for (const [round, signal] of stops.entries()) {
      const run = follower('restart', out);
      let exited = false;
      void run.done.then(() => (exited = true));
      // A random line count in this round's share of the job: the signal lands wherever the follower is.
      const target = Math.max(lineCount(out) + 30, Math.floor(((round + 0.3 + Math.random() * 0.7) * INPUTS) / (stops.length + 1)));
      await until(async () => lineCount(out), (lines) => exited || lines >= target, 60_000);
      if (exited) break; // the job is done: the rounds left have nothing to interrupt
      run.child.kill(signal);
      signalled++;
      const stopped = await run.done;
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
    await enqueue.done;
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
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]); // none twice
    expect(urls.map((_, i) => i).filter((i) => !counts.has(i))).toEqual([]); // none missing
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
