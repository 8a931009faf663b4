import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'fanout-young-gen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** output-dir.ts as one module a child process can import. */
const bundle = join(work, 'output-dir.mjs');
buildSync({
  entryPoints: [fileURLToPath(new URL('../src/batch/output-dir.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'silent',
});

/**
 * A child that (with `prepare`) prepares an output dir, then allocates like a download does
 * (short-lived objects, a few surviving each scavenge), and prints its young generation's size
 * before and after, in bytes.
 */
function youngGeneration(prepare: boolean): { before: number; after: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { OutputDir } from ${JSON.stringify(bundle)};
    const size = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    if (${prepare}) await new OutputDir(${JSON.stringify(join(work, 'out'))}).prepare();
    const before = size();
    let kept = [];
    for (let i = 0; i < 3e6; i++) {
      kept.push({ at: i, text: 'chunk ' + i });
      if (kept.length > 1000) kept = [];
    }
    console.log(JSON.stringify({ before, after: size() }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { before: number; after: number };
}

describe('--output-dir and the young generation', () => {
  it('keeps V8 from growing it (peak RSS), where it grows without an output dir', () => {
    const without = youngGeneration(false);
    expect(without.after).toBeGreaterThan(4 * without.before); // the allocations do make it grow (1 → 32 MB measured)
    const withDir = youngGeneration(true);
    // V8 still grows it once (1 → 2 MB measured), then no more.
    expect(withDir.after).toBeLessThanOrEqual(2 * withDir.before);
  });
});
