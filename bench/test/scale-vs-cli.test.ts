import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { VsCliResult } from '../src/scale-vs-cli.js';

const SCALE = fileURLToPath(new URL('../dist/scale-out.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'fanout-bench-vs-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Counts and shapes only: the quick run proves the side by side works, never how fast anything is.
describe('npm run bench:scale side by side (quick: 300 URLs, one round)', () => {
  it('runs fanout --file alone and enqueue + one worker + results --follow (the worker started with the job, and first) on the same URLs: one line per input each, the Redis commands per input counted', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [SCALE, '--vs-cli', '300', '--rounds', '1', '--vs-cli-only', '--concurrency', '8', '--out', out], { timeout: 200_000 }, (error, text, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(text),
      ),
    );
    const { vsCli } = JSON.parse(readFileSync(join(out, 'scale-out-nginx.json'), 'utf8')) as { vsCli: VsCliResult };
    const exactlyOne = { lines: 300, repeated: 0, stray: 0, missing: 0, failed: 0 };
    expect(vsCli.cli.samples.map((s) => [s.exit, s.coverage])).toEqual([[0, exactlyOne]]);
    expect(vsCli.worker.samples.map((s) => [s.exit, s.coverage])).toEqual([[0, exactlyOne]]);
    expect(vsCli.waitingWorker.samples.map((s) => [s.exit, s.coverage])).toEqual([[0, exactlyOne]]);
    // Redis commands are counted (results are stored and taken in batches: well under one an
    // input at 50,000, more on 300); the worker's Lua scripts (by SHA) among the top.
    expect(vsCli.worker.medianRedisPerInput).toBeGreaterThan(0.1);
    expect(vsCli.worker.samples[0]?.topCommands?.map(([name]) => name)).toContain('evalsha');
    expect(vsCli.ratio).toBeGreaterThan(0);
    expect(vsCli.waitingRatio).toBeGreaterThan(0);
    expect(vsCli.waitingWorker.medianRedisPerInput).toBeGreaterThan(0.1);
    // Each process's CPU, from the probe inside it: the CLI's, the worker's, the follower's and enqueue's.
    const sides = [...vsCli.cli.samples, ...vsCli.worker.samples, ...vsCli.waitingWorker.samples];
    expect(sides.every((s) => (s.cpuMs ?? 0) > 0)).toBe(true);
    expect([...vsCli.worker.samples, ...vsCli.waitingWorker.samples].every((s) => (s.followerCpuMs ?? 0) > 0 && (s.enqueueCpuMs ?? 0) > 0)).toBe(true);
    expect(vsCli.cpuRatio).toBeGreaterThan(0);
    expect(stdout).toMatch(/median: fanout --file \d+ req\/s, worker \+ follower \d+ req\/s: [\d.]+× \(target ≥ 0\.7×\)/);
    expect(stdout).toMatch(/median, the worker started first \(waiting for chunks\): \d+ req\/s: [\d.]+×/);
    expect(stdout).toMatch(/requests per CPU-second of the worker ÷ the CLI's [\d.]+×/);
  }, 220_000);
});
