import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('--output json and text', () => {
  it('json prints one document: results in input order and the summary', async () => {
    const { code, stdout } = await runCli(['--ids', '2,1,101', '--output', 'json', '--latency', '0']);
    const document = JSON.parse(stdout) as { results: Array<{ index: number; ok: boolean }>; summary: { count: number; ok: number; failedByCode: object } };
    expect(code).toBe(1);
    expect(document.results.map((r) => [r.index, r.ok])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
    expect(document.summary).toMatchObject({ count: 3, ok: 2, failedByCode: { EHTTP: 1 } });
  });

  it('text prints a status line and the Title and Body of each post, without colour when piped', async () => {
    const { stdout } = await runCli(['--ids', '1', '--latency', '0']);
    expect(stdout).toMatch(/^✔ #1 http:\/\/127\.0\.0\.1:\d+\/posts\/1 200 in \d+ ms\n {2}Title: sunt aut facere/);
    expect(stdout).not.toContain('\x1b[');
  });

  it('text uses colour when forced (FORCE_COLOR), as on a terminal', async () => {
    const { stdout } = await runCli(['--ids', '1', '--latency', '0'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(stdout).toContain('\x1b[32m✔');
  });
});
