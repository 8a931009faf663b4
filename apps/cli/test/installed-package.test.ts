import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from './echo-server.js';
import { ndjson } from './run-cli.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };

// `npm pack` of apps/cli (built already: `test` depends on `build`), installed globally into a
// temporary prefix with an empty npm cache and --offline: the tarball must need no registry and
// no workspace. Then `fanout` is run from PATH in a directory that is not the workspace.
let work: string;
let files: string[];
let manifest: Record<string, unknown>;
let server: EchoServer;
const env = (): NodeJS.ProcessEnv => ({
  PATH: `${join(work, 'prefix', 'bin')}:${dirname(process.execPath)}`,
  HOME: work,
  NO_COLOR: '1',
});
const fanout = async (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) => {
  try {
    const { stdout, stderr } = await run('fanout', args, { cwd: join(work, 'elsewhere'), env: { ...env(), ...extraEnv }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'fanout-installed-'));
  await run('mkdir', ['-p', join(work, 'elsewhere'), join(work, 'cache')]);
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: packageDir });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error('npm pack gave no tarball');
  files = packed.files.map((file) => file.path);
  const npmEnv = { ...process.env, npm_config_cache: join(work, 'cache'), npm_config_prefix: join(work, 'prefix') };
  await run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], { cwd: join(work, 'elsewhere'), env: npmEnv });
  manifest = JSON.parse(await readFile(join(work, 'prefix/lib/node_modules/@fanout/cli/package.json'), 'utf8')) as Record<string, unknown>;
  server = await startEchoServer();
}, 300_000);
afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

describe('the packed CLI, installed with npm install -g', () => {
  it('ships the bundle, its licences and the demo dataset, and nothing to fetch', () => {
    for (const file of ['bin/fanout.js', 'dist/fanout.js', 'dist/demo-upstream/data/jsonplaceholder.json', 'dist/demo-upstream/data/jsonplaceholder.LICENSE', 'dist/THIRD-PARTY-LICENSES.md', 'README.md', 'LICENSE', 'package.json']) {
      expect(files).toContain(file);
    }
    expect(files.filter((file) => /\.map$|^src\/|^test\/|^scripts\/|meta\.json$/.test(file))).toEqual([]);
    // undici and axios are in chunks that --transport undici / axios import (no dist/vendor/ shim).
    expect(files.filter((file) => file.startsWith('dist/vendor/'))).toEqual([]);
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('answers --version from PATH, outside the workspace', async () => {
    const { code, stdout } = await fanout(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it('runs the demo (embedded upstream and its dataset)', async () => {
    const { code, stderr } = await fanout([]);
    expect(code).toBe(0);
    expect(stderr).toContain('speedup');
    const ids = await fanout(['--ids', '1-2', '--output', 'ndjson', '--fields', 'title', '--ordered']);
    expect(ids.code).toBe(0);
    expect(ndjson(ids.stdout).map((line) => (line.data as { title: string }).title)).toEqual([
      'sunt aut facere repellat provident occaecati excepturi optio reprehenderit',
      'qui est esse',
    ]);
  });

  it.each([['http1'], ['undici'], ['axios']])('sends a real request with --transport %s', async (transport) => {
    const { code, stdout, stderr } = await fanout([`${server.url}/things/1`, '--transport', transport, '-L', '--output', 'ndjson', '--no-progress']);
    expect(stderr).not.toMatch(/Cannot find|ERR_/);
    expect(code).toBe(0);
    const [line] = ndjson(stdout);
    expect(line).toMatchObject({ ok: true, status: 200, data: { method: 'GET', path: '/things/1' } });
  });
});
