import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => res.end(`body of ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A dead run's temporary file name on this machine: `.fanout-<sha256(hostname) 8 hex>-<pid>-<8 hex>.part`. */
const tag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const tempLike = `.fanout-${tag}-2147483646-0badf00d.part`;

describe('--output-dir: a URL cannot name a result like a temporary file (the next run would remove it)', { timeout: 60_000 }, () => {
  it('a basename of the temporary files\' form is stored as _<name>, and the next run into DIR keeps it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fanout-templike-')), 'out');
    const first = await runCli([`${base}/${tempLike}`, '--output-dir', dir, '--name', '{basename}', '--output', 'ndjson']);
    expect(first.code).toBe(0);
    expect(ndjson(first.stdout)[0]).toMatchObject({ ok: true, file: join(dir, `_${tempLike}`) });

    const second = await runCli([`${base}/other`, '--output-dir', dir, '--name', '{basename}', '--output', 'ndjson']);
    expect(second.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`_${tempLike}`, 'other']);
    expect(readFileSync(join(dir, `_${tempLike}`), 'utf8')).toBe(`body of /${tempLike}`);
  });
});
