import { describe, expect, it } from 'vitest';
import { useDemoUpstream } from './run-cli.js';
import { fanoutCommand, sh } from './shell.js';

const demo = useDemoUpstream({ latency: 0 });

describe('results that cannot be written: one line on stderr, exit 74', () => {
  it('> /dev/full (ENOSPC)', async () => {
    const { code, stderr } = await sh(`${fanoutCommand(`--ids 1-20 --base-url ${demo.upstream.url} -o ndjson`)} > /dev/full`);
    expect(code).toBe(74);
    expect(stderr).toContain('fanout: cannot write the results to stdout: no space left on the device (ENOSPC)');
    expect(stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('stdout open read-only (1< /dev/null): EBADF, one line, exit 74', async () => {
    // A closed stdout (>&-) is /dev/null to Node, and a discard (stdout-dev-null.test.ts); a
    // stdout that cannot be written at all is a failure.
    const { code, stderr } = await sh(`${fanoutCommand(`--ids 91-95 --base-url ${demo.upstream.url} -o ndjson`)} 1< /dev/null`);
    expect(code).toBe(74);
    expect(stderr).toContain('fanout: cannot write the results to stdout: stdout is not open for writing (EBADF)\n');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--help > /dev/full: one line, exit 74', async () => {
    const { code, stderr } = await sh(`${fanoutCommand('--help')} > /dev/full`);
    expect(code).toBe(74);
    expect(stderr.trim()).toBe('fanout: cannot write to stdout (ENOSPC)');
  });

  it('> /dev/null is a normal run (exit 0)', async () => {
    const { code } = await sh(`${fanoutCommand(`--ids 1-3 --base-url ${demo.upstream.url} -o ndjson`)} > /dev/null`);
    expect(code).toBe(0);
  });
});
