import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, useDemoUpstream } from './run-cli.js';
import { fanoutCommand, sh } from './shell.js';

const demo = useDemoUpstream({ latency: 0 });

/** Runs the CLI with stdout on /dev/null opened read-write, as Python's DEVNULL and systemd's StandardOutput=null do. */
function runWithIgnoredStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('stdout on /dev/null (read-write, or closed and reopened by Node): results are discarded, the exit code is the run\'s', { timeout: 60_000 }, () => {
  it("spawn with stdio 'ignore': an ok run exits 0 and fetches every input", async () => {
    const { code, stderr } = await runWithIgnoredStdout(['--ids', '61-63', '--base-url', demo.upstream.url, '-o', 'ndjson']);
    expect(stderr).not.toContain('cannot write');
    expect(code).toBe(0);
    expect([61, 62, 63].map((id) => demo.upstream.stats.byPath.get(`/posts/${id}`) ?? 0)).toEqual([1, 1, 1]);
  });

  it("spawn with stdio 'ignore': a run with a failed input exits 1, not 74", async () => {
    const { code, stderr } = await runWithIgnoredStdout(['--ids', '64', '--base-url', demo.upstream.url, `${demo.upstream.url}/nope-404`, '--retries', '0']);
    expect(stderr).not.toContain('cannot write');
    expect(code).toBe(1);
  });

  it('>&- in a shell: the same as /dev/null, exit 0', async () => {
    const { code, stderr } = await sh(`${fanoutCommand(`--ids 71-73 --base-url ${demo.upstream.url} -o ndjson`)} >&-`);
    expect(stderr).not.toContain('cannot write');
    expect(code).toBe(0);
    expect([71, 72, 73].map((id) => demo.upstream.stats.byPath.get(`/posts/${id}`) ?? 0)).toEqual([1, 1, 1]);
  });

  it('a failing stdout keeps its code: > /dev/full exits 74', async () => {
    const { code, stderr } = await sh(`${fanoutCommand(`--ids 74 --base-url ${demo.upstream.url} -o ndjson`)} > /dev/full`);
    expect(code).toBe(74);
    expect(stderr).toContain('(ENOSPC)');
  });
});
