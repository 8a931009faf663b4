import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from './run-cli.js';

let server: Server;
let base = '';
let hold = true;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-length': 8 });
    res.write('half');
    if (!hold) res.end('done');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The documented name of a temporary file: `.fanout-<sha256(hostname) 8 hex>-<pid>-<8 hex>.part`. */
const tag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const temp = (pid: number, hostTag = tag) => `.fanout-${hostTag}-${pid}-0badf00d.part`;
const parts = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.part')) : []);

describe('--output-dir: temporary files left by a kill are removed, and only those', { timeout: 120_000 }, () => {
  it('kill -9 mid-download leaves a .part file; the next run into the directory removes it and stores the file whole', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fanout-stale-')), 'out');
    hold = true;
    const args = [`${base}/f`, '--output-dir', dir, '--name', 'sub/{index}', '--output', 'ndjson'];
    const killed = startCli(args);
    await expect.poll(() => parts(join(dir, 'sub')).length, { timeout: 30_000, interval: 10 }).toBe(1);
    killed.child.kill('SIGKILL');
    await killed.done;
    expect(parts(join(dir, 'sub'))).toHaveLength(1);

    hold = false;
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(ndjson(again.stdout)[0]).toMatchObject({ ok: true, bytes: 8 });
    expect(readdirSync(join(dir, 'sub'))).toEqual(['0']);
    expect(readFileSync(join(dir, 'sub', '0'), 'utf8')).toBe('halfdone');
  });

  it('keeps what is not a dead fanout run\'s of this machine: a live pid\'s, another machine\'s, other names; DIR is cleaned at the start, a subdirectory when first used', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fanout-stale-')), 'out');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    mkdirSync(join(dir, 'unused'), { recursive: true });
    const dead = temp(2_147_483_646); // above any pid_max: no such process
    const live = temp(process.pid); // this test's own process
    const otherMachine = temp(2_147_483_646, tag === '00000000' ? '11111111' : '00000000');
    for (const at of [dir, join(dir, 'sub'), join(dir, 'unused')]) {
      for (const name of [dead, live, otherMachine, '.report.pdf.part', 'notes.part']) writeFileSync(join(at, name), 'x');
    }
    hold = false;
    const { code } = await runCli([`${base}/f`, '--output-dir', dir, '--name', 'sub/{index}', '--quiet']);
    expect(code).toBe(0);
    const kept = [live, otherMachine, '.report.pdf.part', 'notes.part'].sort();
    expect(parts(dir).sort()).toEqual(kept);
    expect(parts(join(dir, 'sub')).sort()).toEqual(kept);
    expect(parts(join(dir, 'unused')).sort()).toEqual([...kept, dead].sort()); // never used by the run
  });
});
