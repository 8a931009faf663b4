import { describe, expect, it } from 'vitest';
import { ndjson, runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 0 });

describe('--output ndjson', () => {
  it('prints exactly one JSON line per id and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['--ids', '1-20', '--concurrency', '5', '--output', 'ndjson', '--latency', '20']);
    const lines = ndjson(stdout);

    expect(code).toBe(0);
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => l.index).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['index', 'url', 'ok', 'status', 'attempts', 'ms', 'queuedMs', 'wireMs', 'data']);
      expect(line).toMatchObject({ ok: true, status: 200, attempts: 1 });
      expect(line.url).toBe(`${String(line.url).replace(/\/posts\/\d+$/, '')}/posts/${Number(line.index) + 1}`);
    }
    expect(stderr).toContain('Summary');
    expect(stderr).toMatch(/requests\s+20\s+ok 20\s+failed 0/);
  });

  it('--ordered prints in input order; --fields keeps only the named fields', async () => {
    const { stdout } = await runCli(['--ids', '3,1,2', '--output', 'ndjson', '--ordered', '--fields', 'title', '--latency', '0']);
    const lines = ndjson(stdout);
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2]);
    expect(lines[1]?.data).toEqual({ title: 'sunt aut facere repellat provident occaecati excepturi optio reprehenderit' });
  });

  it('reports a failed request as an ok:false line with a typed error, and exits 1', async () => {
    const { code, stdout } = await runCli(['--ids', '1,101', '--output', 'ndjson', '--ordered', '--latency', '0']);
    const [, missing] = ndjson(stdout);
    expect(code).toBe(1);
    expect(missing).toMatchObject({ index: 1, ok: false, status: 404, attempts: 1, error: { name: 'HttpError', code: 'EHTTP' } });
    expect(missing).not.toHaveProperty('data');
  });

  it('--transport axios gives the same lines as the default (undici)', async () => {
    const args = ['--ids', '1,101', '--base-url', demo.upstream.url, '--output', 'ndjson', '--ordered', '--fields', 'id'];
    const strip = (stdout: string) => ndjson(stdout).map(({ ok, status, attempts, data, error }) => ({ ok, status, attempts, data, error }));
    const [undici, axios] = await Promise.all([runCli(args), runCli([...args, '--transport', 'axios'])]);
    expect(strip(undici.stdout)).toEqual(strip(axios.stdout));
    expect(strip(undici.stdout)).toHaveLength(2);
  });

  it('--mode compare prints each input twice, tagged with its run', async () => {
    const { code, stdout } = await runCli(['--ids', '1-4', '--mode', 'compare', '--output', 'ndjson', '--latency', '5']);
    const lines = ndjson(stdout);
    expect(code).toBe(0);
    expect(lines.filter((l) => l.run === 'sequential').map((l) => l.index)).toEqual([0, 1, 2, 3]);
    expect(lines.filter((l) => l.run === 'concurrent')).toHaveLength(4);
  });
});
