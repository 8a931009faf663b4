import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream();

describe('inputs from a file and from stdin', () => {
  it('--file reads one URL a line, skipping blank lines and # comments', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fanout-')), 'urls.txt');
    writeFileSync(file, `# three posts\n${demo.upstream.url}/posts/1\n\n${demo.upstream.url}/posts/2\r\n${demo.upstream.url}/posts/3\n`);
    const { code, stdout } = await runCli(['--file', file, '--output', 'ndjson', '--ordered']);
    expect(code).toBe(0);
    expect(ndjson(stdout).map((l) => l.url)).toEqual([1, 2, 3].map((id) => `${demo.upstream.url}/posts/${id}`));
  });

  it("--file - reads stdin", async () => {
    const stdin = [4, 5].map((id) => `${demo.upstream.url}/posts/${id}`).join('\n');
    const { code, stdout, stderr } = await runCli(['--file', '-', '--output', 'ndjson'], { stdin });
    expect(code).toBe(0);
    expect(ndjson(stdout)).toHaveLength(2);
    expect(stderr.split('\n')[0]).toBe('fanout: upstream: none (the URLs given)');
  });

  it('streams stdin: the first result is printed while stdin is still open', async () => {
    const { child, done } = startCli(['--file', '-', '--output', 'ndjson'], { keepStdinOpen: true });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin?.write(`${demo.upstream.url}/posts/1\n`);
    await expect.poll(() => stdout.split('\n').filter(Boolean).length, { timeout: 10_000 }).toBe(1);
    child.stdin?.end(`${demo.upstream.url}/posts/2\n`);
    const { code } = await done;
    expect(code).toBe(0);
    expect(ndjson(stdout).map((l) => l.url)).toEqual([`${demo.upstream.url}/posts/1`, `${demo.upstream.url}/posts/2`]);
  });

  it('a bad line in a file is a failed result of its own, not the end of the run', async () => {
    const { code, stdout } = await runCli(['--file', '-', '--output', 'ndjson', '--ordered'], { stdin: `not a url\n${demo.upstream.url}/posts/1\n` });
    const [bad, good] = ndjson(stdout);
    expect(code).toBe(1);
    expect(bad).toMatchObject({ ok: false, attempts: 0, error: { name: 'InvalidUrlError', code: 'ERR_INVALID_URL' } });
    expect(good).toMatchObject({ ok: true });
  });

  it('--base-url points --ids at another upstream', async () => {
    const { stdout, stderr } = await runCli(['--ids', '7', '--base-url', demo.upstream.url, '--output', 'ndjson']);
    expect(ndjson(stdout)[0]).toMatchObject({ url: `${demo.upstream.url}/posts/7`, ok: true });
    expect(stderr.split('\n')[0]).toBe(`fanout: upstream: ${demo.upstream.url} (--base-url)`);
  });

  it('--quiet prints nothing on stderr', async () => {
    const { stderr } = await runCli(['--ids', '1', '--base-url', demo.upstream.url, '--quiet']);
    expect(stderr).toBe('');
  });
});
