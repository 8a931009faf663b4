import { describe, expect, it } from 'vitest';
import { useDemoUpstream, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const demo = useDemoUpstream({ latency: 5 });

describe('--mode sweep --file', () => {
  it('sweeps the lines of the file (read once, run once per level)', async () => {
    const file = tmpFile('urls.txt', [1, 2, 3].map((id) => `${demo.upstream.url}/posts/${id}`).join('\n') + '\n');
    const before = demo.upstream.stats.requests;
    const { code, stdout, stderr } = await runCli(['--file', file, '--mode', 'sweep', '-c', '2', '--output', 'json']);
    expect(stderr).not.toContain('cannot');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { sweep: { concurrency: number }[] };
    expect(document.sweep.map((level) => level.concurrency)).toEqual([1, 2]);
    expect(demo.upstream.stats.requests - before).toBe(6);
  });

  it('takes the lines from stdin with --file -', async () => {
    const { code, stdout } = await runCli(['--file', '-', '--mode', 'sweep', '-c', '2', '--output', 'ndjson'], { stdin: `${demo.upstream.url}/posts/1\n` });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });

  it('is still refused for --mode compare (exit 2)', async () => {
    const file = tmpFile('urls.txt', `${demo.upstream.url}/posts/1\n`);
    const { code, stderr } = await runCli(['--file', file, '--mode', 'compare']);
    expect(code).toBe(2);
    expect(stderr).toContain('--mode compare runs the inputs twice');
  });
});
