import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ndjson, startCli, useDemoUpstream } from './run-cli.js';
import { childEnv } from './child-env.js';

const demo = useDemoUpstream();

describe('process control', () => {
  it('Ctrl-C aborts in-flight requests, prints whole lines and a partial summary, exits 130', async () => {
    demo.upstream.resetStats();
    const urls = [`${demo.upstream.url}/posts/1`, `${demo.upstream.url}/posts/2`, ...Array.from({ length: 8 }, () => `${demo.upstream.url}/__fault/hang`)];
    const { child, done } = startCli([...urls, '--output', 'ndjson', '--concurrency', '4']);
    await expect.poll(() => demo.upstream.stats.inFlight, { timeout: 10_000 }).toBe(4);

    child.kill('SIGINT');
    const { code, stdout, stderr } = await done;

    expect(code).toBe(130);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(ndjson(stdout).map((l) => l.ok)).toEqual([true, true]);
    expect(stderr).toContain('interrupted (Ctrl-C); in-flight requests were aborted. Partial summary:');
    expect(stderr).toMatch(/requests\s+2\s+ok 2/);
    await expect.poll(() => demo.upstream.stats.aborted).toBe(4);
    expect(demo.upstream.stats.requests).toBe(6);
  });

  it('`| head -3` exits promptly with three lines and no EPIPE trace', async () => {
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" --ids 1-100 --latency 20 --concurrency 2 --output ndjson | head -3`], {
      env: childEnv({ NO_COLOR: '1' }),
    });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => shell.on('close', resolve));

    expect(code).toBe(0);
    expect(ndjson(stdout)).toHaveLength(3);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('shows no progress bar when stderr is not a terminal', async () => {
    const { stderr } = await startCli(['--ids', '1-30', '--concurrency', '2', '--latency', '80', '--output', 'ndjson']).done;
    expect(stderr).not.toContain('ETA');
  });

  it('draws a progress bar on a terminal (a pseudo-TTY through script(1)), on stderr only', async () => {
    const command = `"${process.execPath}" "${BIN}" --ids 1-30 --concurrency 2 --latency 100 --output ndjson 2>&1 >/dev/null`;
    const shell = spawn('script', ['-qec', command, '/dev/null'], { env: childEnv({ NO_COLOR: '1' }) });
    let tty = '';
    shell.stdout.on('data', (chunk: Buffer) => (tty += chunk.toString()));
    const code = await new Promise((resolve) => shell.on('close', resolve));

    expect(code).toBe(0);
    expect(tty).toMatch(/\[#+-*\] \d+\/30 ok \d+ failed 0 \d+ req\/s ETA/);
    expect(tty).not.toContain('"index"');
  });
});

describe('Ctrl-C during --mode compare', () => {
  it('aborts, still gives one line per input and run, and exits 130', async () => {
    demo.upstream.resetStats();
    const urls = [`${demo.upstream.url}/posts/1`, `${demo.upstream.url}/__fault/hang`, `${demo.upstream.url}/posts/2`];
    const { child, done } = startCli([...urls, '--mode', 'compare', '--output', 'ndjson']);
    await expect.poll(() => demo.upstream.stats.byPath.get('/__fault/hang') ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);

    child.kill('SIGINT');
    const { code, stdout, stderr } = await done;

    expect(code).toBe(130);
    const lines = ndjson(stdout);
    expect(lines.filter((l) => l.run === 'sequential').map((l) => l.index)).toEqual([0, 1, 2]);
    expect(lines.filter((l) => l.run === 'concurrent')).toHaveLength(3);
    expect(lines[1]).toMatchObject({ ok: false, error: { code: 'EABORTED' } });
    expect(stderr).toContain('interrupted');
  });
});
