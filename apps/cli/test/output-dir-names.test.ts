import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200).end('body'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('--name: file names never leave --output-dir', { timeout: 120_000 }, () => {
  it('{host}, {basename} and {index} are filled in; a URL cannot smuggle a path in', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fanout-names-'));
    const dir = join(root, 'out');
    const urls = [`${base}/files/report.pdf`, `${base}/x/..%2F..%2Fescaped`, `${base}/`];
    const { code, stdout } = await runCli([...urls, '--output-dir', dir, '--name', '{host}/{index}-{basename}', '--output', 'ndjson', '--ordered']);
    expect(code).toBe(0);
    const host = base.slice('http://'.length).replace(':', '_');
    expect(ndjson(stdout).map((l) => l.file)).toEqual([join(dir, host, '0-report.pdf'), join(dir, host, '1-.._.._escaped'), join(dir, host, '2-2')]);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it.each([['../up'], ['/abs/{index}'], ['a//b'], ['{index}/..'], ['{nope}']])('--name %s is a usage error', async (name) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fanout-names-')), 'out');
    const { code, stderr } = await runCli([`${base}/a`, '--output-dir', dir, '--name', name]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^fanout: --name /m);
  });

  it('--name without --output-dir is a usage error', async () => {
    const { code, stderr } = await runCli([`${base}/a`, '--name', '{index}', '--skip-existing']);
    expect(code).toBe(2);
    expect(stderr).toContain('fanout: --name, --skip-existing only work with --output-dir');
  });
});
