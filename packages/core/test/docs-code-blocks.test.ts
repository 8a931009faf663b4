import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

// Every ```ts block of the repository's Markdown (README.md, docs/**/*.md, each package's
// README.md) is type-checked with `tsc --strict` against the built packages, as a user's module
// that imports them; a block whose info string says `runnable` (```ts runnable) is also run with
// node, offline (it must start what it talks to itself, e.g. a demo upstream), and must exit 0.
// A block marked `no-check` (```ts no-check) is illustration, not code, and is skipped.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
// Where the Markdown is read from: the repository, or (to check another checkout's docs against
// these packages) FANOUT_DOCS_ROOT.
const docsRoot = process.env.FANOUT_DOCS_ROOT ?? root;
const tsc = join(root, 'node_modules/typescript/bin/tsc');
// Inside the workspace, so that `@fanout/core` resolves to the built package as in a user's project.
const work = join(root, 'node_modules/.cache/fanout-docs-blocks');

/**
 * Blocks known not to compile today, by first line (two for an import; in whichever file they are now; `file` is
 * where they were seen), with the error they give. A block listed here must still fail with that
 * code: once fixed, remove its entry.
 */
const KNOWN_FAILING: readonly { file: string; firstLine: string; code: string; why: string }[] = [];

interface Block {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly runnable: boolean;
}
type NamedBlock = Block & { readonly name: string };

function markdownFiles(): string[] {
  const files = ['README.md'];
  const walk = (dir: string): void => {
    if (!existsSync(join(docsRoot, dir))) return;
    for (const entry of readdirSync(join(docsRoot, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  for (const group of ['packages', 'apps']) {
    if (!existsSync(join(docsRoot, group))) continue;
    for (const project of readdirSync(join(docsRoot, group))) if (existsSync(join(docsRoot, group, project, 'README.md'))) files.push(join(group, project, 'README.md'));
  }
  return files.filter((file) => existsSync(join(docsRoot, file)));
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(docsRoot, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(?:ts|typescript)\b(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const flags = (open[2] ?? '').trim().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] ?? ''); j++) body.push((lines[j] ?? '').slice(indent));
    if (!flags.includes('no-check')) blocks.push({ file, line: i + 1, code: body.join('\n'), runnable: flags.includes('runnable') });
    i = j;
  }
  return blocks;
}

const blocks: NamedBlock[] = markdownFiles()
  .flatMap(blocksOf)
  .map((block, i) => ({ ...block, name: `block${i}` }));
// The first line, or the first two when the first is an import (many blocks start alike).
const firstLine = (block: Block) => {
  const lines = block.code.split('\n').filter((line) => line.trim() !== '');
  return (lines[0]?.startsWith('import ') ? lines.slice(0, 2) : lines.slice(0, 1)).join('\n');
};
const known = (block: Block) => KNOWN_FAILING.find((entry) => entry.firstLine === firstLine(block));
const errors = new Map<string, string[]>();

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  // Each block is a module of its own (`export {}`), so that two blocks' names never clash.
  for (const block of blocks) writeFileSync(join(work, `${block.name}.ts`), `${block.code}\nexport {};\n`);
  const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] };
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: blocks.map((block) => `${block.name}.ts`) }));
  const { stdout } = await run(process.execPath, [tsc, '-p', work], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  for (const line of stdout.split('\n')) {
    const match = /(block\d+)\.ts\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (match?.[1]) errors.set(match[1], [...(errors.get(match[1]) ?? []), `${match[3]} at line ${match[2]}: ${match[4]}`]);
  }
}, 180_000);

describe('the TypeScript in the docs', () => {
  it('finds the blocks (README.md has some)', () => {
    expect(blocks.filter((block) => block.file === 'README.md').length).toBeGreaterThan(0);
  });

  it.each(blocks.map((block) => [`${block.file}:${block.line}`, block] as const))('%s compiles under tsc --strict', (_where, block) => {
    const found = errors.get(block.name) ?? [];
    const entry = known(block);
    if (entry) {
      expect(found.join('\n'), `listed in KNOWN_FAILING (${entry.why}); it compiles now: remove the entry`).toContain(entry.code);
      return;
    }
    expect(found, `${block.file}:${block.line}`).toEqual([]);
  });

  const runnable = blocks.filter((block) => block.runnable);
  if (runnable.length === 0) return;
  it.each(runnable.map((block) => [`${block.file}:${block.line}`, block] as const))('%s runs offline and exits 0', async (_where, block) => {
    const { code } = await transform(block.code, { loader: 'ts', format: 'esm', target: 'node20' });
    const file = join(work, `${block.name}.mjs`);
    writeFileSync(file, code);
    const result = await run(process.execPath, [file], { cwd: work, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } }).then(
      () => ({ failed: false, stderr: '' }),
      (error: { stderr?: string; message: string }) => ({ failed: true, stderr: error.stderr ?? error.message }),
    );
    expect(result.failed, `${block.file}:${block.line}: ${result.stderr}`).toBe(false);
  }, 90_000);
});
