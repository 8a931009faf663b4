import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from './run-cli.js';

let server: Server;
let base = '';
let host = '';
let release: () => void = () => undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/held/')) {
      // Half the body, then the rest once the test says so.
      res.writeHead(200, { 'content-length': 8 });
      res.write('held');
      release = () => res.end('body');
      return;
    }
    res.writeHead(200).end(`body of ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
  host = `127.0.0.1_${port}`;
});
afterAll(() => {
  release();
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** DIR (not yet made) and a directory outside it that must stay empty. */
function layout(): { dir: string; elsewhere: string } {
  const root = mkdtempSync(join(tmpdir(), 'fanout-links-'));
  mkdirSync(join(root, 'elsewhere'));
  return { dir: join(root, 'out'), elsewhere: join(root, 'elsewhere') };
}

describe('--output-dir: no path component leads out of DIR', { timeout: 120_000 }, () => {
  it('a planted DIR/<host> → elsewhere link fails the input with EOUTSIDEDIR and writes nothing through it', async () => {
    const { dir, elsewhere } = layout();
    mkdirSync(dir);
    symlinkSync(elsewhere, join(dir, host));
    const { code, stdout } = await runCli([`${base}/a/x.json`, '--output-dir', dir, '--name', '{host}/{basename}', '--output', 'ndjson']);
    expect(code).toBe(1);
    expect(ndjson(stdout)[0]).toMatchObject({ ok: false, error: { name: 'OutsideDirError', code: 'EOUTSIDEDIR', message: `${join(dir, host)} is a symbolic link: a body is never written outside --output-dir ${dir}` } });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a link deeper down (DIR/a/b → elsewhere) fails too; a link under the final name is replaced, never written through', async () => {
    const { dir, elsewhere } = layout();
    mkdirSync(join(dir, 'a'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'a', 'b'));
    const deep = await runCli([`${base}/deep`, '--output-dir', dir, '--name', 'a/b/{index}', '--output', 'ndjson']);
    expect(ndjson(deep.stdout)[0]).toMatchObject({ ok: false, error: { code: 'EOUTSIDEDIR' } });

    writeFileSync(join(elsewhere, 'target'), 'untouched');
    symlinkSync(join(elsewhere, 'target'), join(dir, '0'));
    const final = await runCli([`${base}/final`, '--output-dir', dir, '--output', 'ndjson']);
    expect(final.code).toBe(0);
    expect(lstatSync(join(dir, '0')).isFile()).toBe(true);
    expect(readFileSync(join(dir, '0'), 'utf8')).toBe('body of /final');
    expect(readFileSync(join(elsewhere, 'target'), 'utf8')).toBe('untouched');
  });

  it('--skip-existing does not count a file behind a link: the input is fetched, and fails as outside', async () => {
    const { dir, elsewhere } = layout();
    mkdirSync(dir);
    writeFileSync(join(elsewhere, 'x.json'), 'not ours');
    symlinkSync(elsewhere, join(dir, host));
    const { code, stdout, stderr } = await runCli([`${base}/a/x.json`, '--output-dir', dir, '--name', '{host}/{basename}', '--skip-existing', '--output', 'ndjson']);
    expect(code).toBe(1);
    expect(ndjson(stdout)[0]).toMatchObject({ ok: false, error: { code: 'EOUTSIDEDIR' } });
    expect(stderr).toMatch(/skipped +0/);
    expect(readFileSync(join(elsewhere, 'x.json'), 'utf8')).toBe('not ours');
  });

  it('a directory swapped for a link while its file downloads: the file lands in the directory that was opened, never through the link', async () => {
    const { dir, elsewhere } = layout();
    const run = startCli([`${base}/held/x.json`, '--output-dir', dir, '--name', '{host}/{basename}', '--output', 'ndjson']);
    const part = () => (existsSync(join(dir, host)) ? readdirSync(join(dir, host)).filter((name) => name.endsWith('.part')) : []);
    await expect.poll(() => part().length, { timeout: 30_000, interval: 10 }).toBe(1);
    renameSync(join(dir, host), join(dir, 'moved'));
    symlinkSync(elsewhere, join(dir, host));
    release();
    const { code, stdout } = await run.done;
    expect(code).toBe(0);
    expect(ndjson(stdout)[0]).toMatchObject({ ok: true, bytes: 8 });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readFileSync(join(dir, 'moved', 'x.json'), 'utf8')).toBe('heldbody');
  });

  it('names from URLs stay one segment: %2e%2e, %00, %2F, and a 300-character basename (cut to 120 UTF-8 bytes, whole characters)', async () => {
    const { dir } = layout();
    const long = 'é'.repeat(300);
    const urls = [`${base}/%2e%2e`, `${base}/a%00b`, `${base}/x/..%2F..%2Fup`, `${base}/${encodeURIComponent(long)}`];
    const { code, stdout } = await runCli([...urls, '--output-dir', dir, '--name', '{index}-{basename}', '--output', 'ndjson', '--ordered']);
    expect(code).toBe(0);
    // new URL() itself resolves /%2e%2e to /: no basename, so the index stands in.
    expect(ndjson(stdout).map((l) => l.file)).toEqual([join(dir, '0-0'), join(dir, '1-a_b'), join(dir, '2-.._.._up'), join(dir, `3-${'é'.repeat(60)}`)]);
    expect(readdirSync(join(dir, '..')).sort()).toEqual(['elsewhere', 'out']);
  });
});
