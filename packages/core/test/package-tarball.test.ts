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
  const dependencies = { '@fanout/core': `file:./${packed.filename}`, rxjs: link('rxjs'), axios: link('axios'), undici: link('undici'), '@types/node': link('@types/node') };
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
    // One bundle (scripts/bundle.mjs): Node resolves and links one module, not one per source file.
    expect(files.filter((file) => file.endsWith('.js'))).toEqual(['dist/index.js']);
  });

  it('installs into a project outside the workspace and type-checks under strict + nodenext', async () => {
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['example.ts'] }),
    );
    await writeFile(
      join(project, 'example.ts'),
      [
        "import { fanout, compare, isFanoutError, HttpError, serializeResult, undiciTransport, type FetchResult, type RetryOptions } from '@fanout/core';",
        "const retry: RetryOptions = { limit: 1, statusCodes: [503], budget: false };",
        "fanout<{ id: number; title: string }, 'title'>(['http://127.0.0.1:1/x'], { retry, fields: ['title'], transport: undiciTransport() })",
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
    // Importing the package requires neither undici nor axios (both are loaded with require() when
    // a transport that uses them is made; undici has no ES build, so any load of it shows here).
    const script = [
      "const m = await import('@fanout/core');",
      "const { createRequire } = await import('node:module');",
      "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /node_modules[\\\\/](undici|axios)[\\\\/]/.test(file));",
      "console.log([typeof m.fanout, typeof m.fetchOne, loaded.length].join(' '));",
    ].join(' ');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    expect(stdout.trim()).toBe('function undefined 0');
    expect(await readdir(join(project, 'node_modules', '@fanout', 'core'))).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'dist', 'package.json']));
  }, 300_000);
});
