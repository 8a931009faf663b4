import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';

let server: Server;
let base = '';
const hits: string[] = [];
beforeAll(async () => {
  // Each path answers its own body: /a/x.json → "body of /a/x.json".
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200).end(`body of ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fresh = () => mkdtempSync(join(tmpdir(), 'fanout-collide-'));

describe('--output-dir: two inputs never silently share a file', { timeout: 120_000 }, () => {
  it('--name {basename}: the first input in input order keeps the name; a later one fails with ENAMECOLLISION naming it, and is not fetched', async () => {
    const dir = join(fresh(), 'out');
    hits.length = 0;
    const urls = [`${base}/a/x.json`, `${base}/b/y.json`, `${base}/c/x.json`];
    const { code, stdout } = await runCli([...urls, '--output-dir', dir, '--name', '{basename}', '--output', 'ndjson', '--ordered']);
    expect(code).toBe(1);
    const [first, second, third] = ndjson(stdout);
    expect(first).toMatchObject({ index: 0, ok: true, file: join(dir, 'x.json') });
    expect(second).toMatchObject({ index: 1, ok: true, file: join(dir, 'y.json') });
    expect(third).toMatchObject({ index: 2, url: urls[2], ok: false, attempts: 0, error: { name: 'FileNameCollisionError', code: 'ENAMECOLLISION' } });
    expect((third?.error as { message: string }).message).toBe(`--name gives input 2 the file ${join(dir, 'x.json')}, which is input 0's: add {index} to --name (e.g. {index}-{basename})`);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('body of /a/x.json');
    expect(hits.sort()).toEqual(['/a/x.json', '/b/y.json']);
  });

  it('the same holds on a resume with --journal, and with --skip-existing (the later input is never skipped as "file exists")', async () => {
    const root = fresh();
    const dir = join(root, 'out');
    const journal = join(root, 'journal.ndjson');
    const urls = [`${base}/a/x.json`, `${base}/c/x.json`];
    const args = [...urls, '--output-dir', dir, '--name', '{basename}', '--journal', journal, '--output', 'ndjson'];
    const first = await runCli(args);
    expect(first.code).toBe(1);
    hits.length = 0;
    for (const extra of [[], ['--skip-existing']]) {
      const again = await runCli([...args, ...extra]);
      expect(again.code).toBe(1);
      expect(ndjson(again.stdout)).toMatchObject([{ index: 1, ok: false, error: { code: 'ENAMECOLLISION' } }]);
      expect(again.stderr).toMatch(/skipped +1 /);
    }
    expect(hits).toEqual([]);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('body of /a/x.json');
  });

  it('--skip-existing without a journal: the owner is skipped for its file, the later input still fails', async () => {
    const dir = join(fresh(), 'out');
    const urls = [`${base}/a/z.json`, `${base}/c/z.json`];
    const args = [...urls, '--output-dir', dir, '--name', '{basename}', '--skip-existing', '--output', 'ndjson'];
    expect((await runCli(args)).code).toBe(1);
    const again = await runCli(args);
    expect(again.code).toBe(1);
    expect(ndjson(again.stdout)).toMatchObject([{ index: 1, ok: false, error: { code: 'ENAMECOLLISION' } }]);
    expect(again.stderr).toMatch(/skipped +1 \(file exists\)/);
  });

  it('templates whose names differ by {index} are never checked in memory and never collide: {index}-{basename} over a file of 300 same basenames', async () => {
    const root = fresh();
    const dir = join(root, 'out');
    const list = join(root, 'urls.txt');
    writeFileSync(list, Array.from({ length: 300 }, (_, i) => `${base}/${i}/same`).join('\n'));
    const { code, stdout } = await runCli(['--file', list, '--output-dir', dir, '--name', '{index}-{basename}', '--output', 'ndjson', '--concurrency', '16']);
    expect(code).toBe(0);
    expect(ndjson(stdout)).toHaveLength(300);
    expect(readdirSync(dir)).toHaveLength(300);
  });
});
