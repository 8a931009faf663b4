import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';

const BODY = Buffer.alloc(100_000, 'x');
let server: Server;
let base = '';
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/cut') {
      // Half the body, then the connection is reset: the download fails midway.
      res.writeHead(200, { 'content-length': BODY.length });
      res.write(BODY.subarray(0, BODY.length / 2), () => res.socket?.resetAndDestroy());
      return;
    }
    res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fresh = () => join(mkdtempSync(join(tmpdir(), 'fanout-files-')), 'out');

describe('--output-dir: failures are per item, and no partial file is ever left', { timeout: 120_000 }, () => {
  it('a body cut midway fails its item (ECONNRESET) and leaves no file, not even a temporary one', async () => {
    const dir = fresh();
    const { code, stdout } = await runCli([`${base}/a`, `${base}/cut`, `${base}/b`, '--output-dir', dir, '--retries', '0', '--output', 'ndjson', '--ordered']);
    expect(code).toBe(1);
    const lines = ndjson(stdout);
    expect(lines.map((l) => l.ok)).toEqual([true, false, true]);
    expect((lines[1]?.error as { code: string }).code).toBe('ECONNRESET');
    expect(readdirSync(dir).sort()).toEqual(['0', '2']);
    expect(readFileSync(join(dir, '0')).equals(BODY)).toBe(true);
  });

  it('a file that cannot be stored (a directory in its place) is a SinkError with the system code; the rest are stored', async () => {
    const dir = fresh();
    mkdirSync(join(dir, '1'), { recursive: true });
    const { code, stdout } = await runCli([`${base}/a`, `${base}/b`, `${base}/c`, '--output-dir', dir, '--output', 'ndjson', '--ordered']);
    expect(code).toBe(1);
    const [first, second, third] = ndjson(stdout);
    expect(first).toMatchObject({ ok: true, bytes: BODY.length });
    expect(second).toMatchObject({ ok: false, attempts: 1, error: { name: 'SinkError', code: 'EISDIR' } });
    expect(third).toMatchObject({ ok: true, bytes: BODY.length });
    expect(readdirSync(dir).sort()).toEqual(['0', '1', '2']);
    expect(readdirSync(join(dir, '1'))).toEqual([]);
  });

  it('--max-filesize fails a larger body with EBODYTOOLARGE and keeps nothing of it', async () => {
    const dir = fresh();
    const { code, stdout } = await runCli([`${base}/a`, '--output-dir', dir, '--max-filesize', '1000', '--output', 'ndjson']);
    expect(code).toBe(1);
    expect(ndjson(stdout)[0]).toMatchObject({ ok: false, error: { code: 'EBODYTOOLARGE' } });
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('--skip-existing fetches only the inputs whose file is missing, and counts the others as skipped', async () => {
    const dir = fresh();
    expect((await runCli([`${base}/a`, `${base}/b`, '--output-dir', dir, '--quiet'])).code).toBe(0);
    requests = 0;
    const again = await runCli([`${base}/a`, `${base}/b`, `${base}/c`, '--output-dir', dir, '--skip-existing', '--output', 'ndjson']);
    expect(again.code).toBe(0);
    expect(ndjson(again.stdout).map((l) => [l.index, l.file])).toEqual([[2, join(dir, '2')]]);
    expect(requests).toBe(1);
    expect(again.stderr).toMatch(/skipped +2 \(file exists\)/);
  });
});
