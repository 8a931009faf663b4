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

  it('stdout closed (>&-): nothing is fetched, exit 74', async () => {
    // Posts no other test here asks for: requests of the test before (its process gone at its
    // write failure) may still reach the server on a busy machine, and must not count here.
    const { code, stderr } = await sh(`${fanoutCommand(`--ids 91-95 --base-url ${demo.upstream.url} -o ndjson`)} >&-`);
    expect(code).toBe(74);
    expect(stderr.trim()).toBe('fanout: cannot write the results to stdout: stdout is closed (EBADF)');
    expect([91, 92, 93, 94, 95].map((id) => demo.upstream.stats.byPath.get(`/posts/${id}`) ?? 0)).toEqual([0, 0, 0, 0, 0]);
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
