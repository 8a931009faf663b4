import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tool = fileURLToPath(new URL('../../../tools/import-graph.mjs', import.meta.url));

describe("the CLI's import graph", () => {
  it('has no circle and no import that runs back up a floor', async () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const { stdout } = await run(process.execPath, [tool, src]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    expect(stdout).toMatch(/^import graph: \d+ files, no circle, no folder imports one that imports it back$/m);
    expect(stdout).not.toContain('circle between files');
  });
});
