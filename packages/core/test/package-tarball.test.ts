import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workspaceModules = fileURLToPath(new URL('../../../node_modules/', import.meta.url));

// A project outside the workspace that installs the packed tarball (its dependencies linked from
// the workspace's node_modules, so nothing is fetched) and type-checks against it.
let project: string;
let files: string[];
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'fanout-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], { cwd: packageDir });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error('npm pack gave no tarball');
  files = packed.files.map((file) => file.path);
  const link = (name: string) => `file:${join(workspaceModules, name)}`;
  // No undici, no axios: core needs neither (they are @fanout/undici's and @fanout/axios's).
  const dependencies = { '@fanout/core': `file:./${packed.filename}`, rxjs: link('rxjs'), '@types/node': link('@types/node') };
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'example', private: true, type: 'module', dependencies }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });
}, 300_000);
afterAll(() => rm(project, { recursive: true, force: true }));

describe('the npm package of @fanout/core', () => {
  it('ships README, LICENSE and the build, and no build leftovers', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.filter((file) => /\.tsbuildinfo$|\.map$|^src\/|^test\//.test(file))).toEqual([]);
    // One bundle per entry point (scripts/bundle.mjs): the root and `@fanout/core/transport`, the
    // code they share in one chunk (one copy of each error class), not one module per source file.
    expect(files.filter((file) => file.endsWith('.js') && !file.startsWith('dist/chunks/'))).toEqual(['dist/index.js', 'dist/transport.js']);
    expect(files.filter((file) => file.startsWith('dist/chunks/'))).toHaveLength(1);
  });

  it('installs into a project outside the workspace and type-checks under strict + nodenext', async () => {
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['example.ts'] }),
    );
    await writeFile(
      join(project, 'example.ts'),
      [
        "import { fanout, compare, isFanoutError, HttpError, serializeResult, createTransport, type FetchResult, type RetryOptions } from '@fanout/core';",
        "import { requestHeaders, toNetworkError, type Transport } from '@fanout/core/transport';",
        "const own: Transport = { name: 'own', send: async (req) => { requestHeaders(req.headers); throw toNetworkError(new Error('no')); }, close: async () => {} };",
        'void own;',
        "const retry: RetryOptions = { limit: 1, statusCodes: [503], budget: false };",
        "fanout<{ id: number; title: string }, 'title'>(['http://127.0.0.1:1/x'], { retry, fields: ['title'], transport: createTransport('undici') })",
        '  .subscribe((result: FetchResult<{ title: string }>) => {',
        '    if (result.ok) console.log(result.data.title.toUpperCase(), result.timing.wireMs);',
        '    else if (result.error instanceof HttpError) console.log(result.error.status, result.error.headers);',
        '    console.log(isFanoutError(result.ok ? undefined : result.error), JSON.stringify(serializeResult(result)));',
        '  });',
        'void compare([]).then((c) => c.speedup <= c.idealSpeedup);',
        '',
      ].join('\n'),
    );
    const tsc = join(workspaceModules, 'typescript', 'bin', 'tsc');
    await expect(run(process.execPath, [tsc, '-p', project])).resolves.toBeDefined();
    // The install has neither undici nor axios, and naming a transport whose package is missing
    // fails its requests with an error that says what to install (never retried: one attempt).
    expect((await readdir(join(project, 'node_modules'))).filter((name) => name === 'undici' || name === 'axios')).toEqual([]);
    const script = [
      "const m = await import('@fanout/core');",
      "const { lastValueFrom, toArray } = await import('rxjs');",
      "const [r] = await lastValueFrom(m.fanout(['http://127.0.0.1:1/x'], { transport: m.createTransport('undici') }).pipe(toArray()));",
      "console.log(JSON.stringify([typeof m.fanout, typeof m.fetchOne, r.error.name, r.error.code, r.attempts, r.error.message]));",
    ].join(' ');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    expect(JSON.parse(stdout)).toEqual(['function', 'undefined', 'TransportNotInstalledError', 'ETRANSPORTMISSING', 1, 'Transport "undici" needs its package: npm install @fanout/undici']);
    expect(await readdir(join(project, 'node_modules', '@fanout', 'core'))).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'dist', 'package.json']));
  }, 300_000);
});
