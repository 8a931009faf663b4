import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const DEEP = 5000;
let base = '';
const server = createServer((req, res) => {
  const body = req.url === '/deep' ? '['.repeat(DEEP) + ']'.repeat(DEEP) : JSON.stringify({ path: req.url });
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One healthy URL, a body nested 5,000 deep, a spec line nested 200,000 deep, one more healthy URL. */
function inputs(): string {
  const deepSpec = `{"url":"${base}/spec","body":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
  return tmpFile('inputs.txt', [`${base}/a`, `${base}/deep`, deepSpec, `${base}/b`].join('\n') + '\n');
}

describe('data nested too deep fails alone, the run goes on (spawned CLI)', { timeout: 60_000 }, () => {
  it('ndjson: EJSONDEPTH for the body, EBADINPUT for the spec line, the healthy lines printed, exit 1', async () => {
    const run = await runCli(['--file', inputs(), '--output', 'ndjson', '--ordered', '--no-progress']);
    expect(run.stderr).not.toMatch(/Maximum call stack|RangeError/);
    expect(run.code).toBe(1);
    const lines = ndjson(run.stdout) as Array<{ ok: boolean; error?: { code: string; message: string } }>;
    expect(lines.map((l) => (l.ok ? 'ok' : l.error?.code))).toEqual(['ok', 'EJSONDEPTH', 'EBADINPUT', 'ok']);
    expect(lines[2]?.error?.message).toContain('nested more than 512 levels deep');
  });

  it.each(['text', 'json'])('--output %s: the healthy results print, exit 1, no crash', async (output) => {
    const run = await runCli(['--file', inputs(), '--output', output, '--ordered', '--no-progress']);
    expect(run.stderr).not.toMatch(/Maximum call stack|RangeError/);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/a');
    expect(run.stdout).toContain('/b');
    expect(run.stdout).toContain('EJSONDEPTH');
  });

  it('--journal: every input journaled, healthy ones skipped on resume, no crash either time', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'fanout-deep-')), 'journal.ndjson');
    const file = inputs();
    const first = await runCli(['--file', file, '--journal', journal, '--output', 'ndjson', '--no-progress']);
    expect(first.stderr).not.toMatch(/Maximum call stack|RangeError/);
    expect(first.code).toBe(1);
    const recorded = readFileSync(journal, 'utf8');
    expect(recorded).toContain('EJSONDEPTH');
    const second = await runCli(['--file', file, '--journal', journal, '--output', 'ndjson', '--no-progress']);
    expect(second.stderr).not.toMatch(/Maximum call stack|RangeError/);
    expect(second.code).toBe(1);
    expect(ndjson(second.stdout).map((l) => l.index).sort()).toEqual([1, 2]);
  });
});
