import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tool = fileURLToPath(new URL('../../../tools/import-graph.mjs', import.meta.url));
const folder = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('the import graph', () => {
  it.each([
    ['packages/core/src', '../src'],
    ['packages/undici/src', '../../undici/src'],
    ['packages/axios/src', '../../axios/src'],
  ])('of %s has no circle and no import that runs back up a floor', async (_name, path) => {
    const { stdout } = await run(process.execPath, [tool, folder(path)]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    expect(stdout).toMatch(/^import graph: \d+ files, no circle, no folder imports one that imports it back$/m);
    expect(stdout).not.toContain('circle between files');
  });
});
