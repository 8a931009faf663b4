import { beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 10 });
beforeEach(() => demo.upstream.resetStats());

interface SweepDocument {
  sweep: { concurrency: number; throughput: number; p95: number }[];
  best: number;
}

describe('--mode sweep: the same inputs at concurrency 1, 2, 4, … up to --concurrency', () => {
  it('--output json: one entry per level, best among them; the server saw every input once per level', async () => {
    const { code, stdout } = await runCli(['--ids', '1-6', '--base-url', demo.upstream.url, '--mode', 'sweep', '-c', '6', '--output', 'json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as SweepDocument;
    expect(Object.keys(document).sort()).toEqual(['best', 'sweep']);
    expect(document.sweep.map((level) => level.concurrency)).toEqual([1, 2, 4, 6]);
    for (const level of document.sweep) {
      expect(Object.keys(level).sort()).toEqual(['concurrency', 'p95', 'throughput']);
      expect(level.throughput).toBeGreaterThan(0);
      expect(level.p95).toBeGreaterThan(0);
    }
    expect([1, 2, 4, 6]).toContain(document.best);
    // best is the lowest level reaching 90 % of the top throughput.
    const top = Math.max(...document.sweep.map((level) => level.throughput));
    expect(document.sweep.find((level) => level.throughput >= 0.9 * top)?.concurrency).toBe(document.best);
    for (let id = 1; id <= 6; id++) expect(demo.upstream.stats.byPath.get(`/posts/${id}`)).toBe(4);
    expect(demo.upstream.stats.maxInFlight).toBeLessThanOrEqual(6);
  });

  it('--concurrency defaults to 64 in sweep mode: levels 1 … 64', async () => {
    const { code, stdout } = await runCli(['--ids', '1-2', '--base-url', demo.upstream.url, '--mode', 'sweep', '--output', 'ndjson']);
    expect(code).toBe(0);
    expect(ndjson(stdout).map((level) => level.concurrency)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(demo.upstream.stats.byPath.get('/posts/1')).toBe(7);
  });

  it('text: a chart with a row per level and the knee marked on exactly one', async () => {
    const { code, stdout } = await runCli(['--ids', '1-4', '--base-url', demo.upstream.url, '--mode', 'sweep', '-c', '4'], { env: { COLUMNS: '70' } });
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^\s+\d+\s+█/.test(line));
    expect(rows.map((row) => Number(/^\s+(\d+)/.exec(row)?.[1]))).toEqual([1, 2, 4]);
    expect(rows.filter((row) => row.includes('◀ knee'))).toHaveLength(1);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('a level whose requests fail makes the exit code 1', async () => {
    const { code, stdout } = await runCli([`${demo.upstream.url}/__fault/status/404`, '--mode', 'sweep', '-c', '2', '--output', 'json']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as SweepDocument).sweep).toHaveLength(2);
  });
});
