import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
const src = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

// Type-checks a snippet under --strict against core's sources; resolves with tsc's output.
async function typeErrors(code: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fanout-types-'));
  try {
    await writeFile(join(dir, 'example.ts'), code.replace('@fanout/core', src.replace(/\.ts$/, '.js')));
    const config = { compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [fileURLToPath(new URL('../../../../node_modules/@types', import.meta.url))] }, files: ['example.ts'] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const { stdout } = await run(process.execPath, [tsc, '-p', dir]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('summarizeRun is generic', () => {
  it('gives onResult the run’s data type (the README’s first example, under --strict)', async () => {
    const errors = await typeErrors(`
import { fanout, summarizeRun } from '@fanout/core';
const urls = [1, 2, 3].map((id) => \`https://jsonplaceholder.typicode.com/posts/\${id}\`);
fanout<{ title: string; body: string }>(urls, { concurrency: 8, retry: 2, timeout: 5000 })
  .pipe(summarizeRun((r) => console.log(r.ok ? \`Title: \${r.data.title.toUpperCase()}\` : \`#\${r.index} \${r.error.code}\`)))
  .subscribe((summary) => console.log(summary.ok, summary.wallMs));
// and refuses what the data type has not
fanout<{ title: string }>(urls).pipe(summarizeRun((r) => r.ok && r.data.nope));
`);
    expect(errors).not.toContain('TS18046');
    expect(errors.trim().split('\n')).toEqual([expect.stringMatching(/example\.ts\(8,.*TS2339: Property 'nope' does not exist/)]);
  }, 120_000);
});
