import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'fanout-pretenuring-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Preloaded in the CLI's process: says on stderr every V8 flag the process sets at run time. */
const preload = join(work, 'flags-said.cjs');
writeFileSync(
  preload,
  `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { process.stderr.write('v8 flag set: ' + flags + '\\n'); return set(flags); };
require('node:module').syncBuiltinESMExports();
`,
);

async function flagsSet(args: readonly string[]): Promise<string[]> {
  const { done } = startCli(args, { nodeArgs: ['--require', preload] });
  const run = await done;
  return [...run.stderr.matchAll(/^v8 flag set: (.+)$/gm)].map((match) => match[1] as string);
}

describe('fanout worker and V8 allocation-site pretenuring', { timeout: 60_000 }, () => {
  it('turns pretenuring off in the worker (its short-lived header buffers were allocated in the old generation)', async () => {
    // No Redis on port 1: the worker sets its flags, then exits with the queue's error.
    expect(await flagsSet(['worker', '--queue', 'redis://127.0.0.1:1/0'])).toContain('--no-allocation-site-pretenuring');
  });

  it('leaves it on in a plain run (its full GCs were as few without the flag)', async () => {
    // A request to a closed port: the run sets its own flag (the preload does see flags), not this one.
    const flags = await flagsSet(['http://127.0.0.1:1/', '--quiet']);
    expect(flags).toContain('--heap-growing-percent=10');
    expect(flags).not.toContain('--no-allocation-site-pretenuring');
  });
});
