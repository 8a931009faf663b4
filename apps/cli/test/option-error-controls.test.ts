import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('an option error echoes its argument with control characters escaped, never acted on', { timeout: 60_000 }, () => {
  it.each([
    ['--concurrency ESC[2J', ['--concurrency', '\u001b[2J']],
    ['--output OSC title BEL', ['--output', '\u001b]0;title\u0007']],
    ['--retry-on with a C1 CSI', ['--retry-on', '5\u009b2J']],
    ['an unknown option --ESC[2J', ['--\u001b[2J']],
  ])('%s: one line, exit 2, no raw ESC/BEL/CSI on stderr', async (_label, args) => {
    const { code, stderr, stdout } = await runCli([...args, 'http://127.0.0.1:9/never']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^fanout: .*\nRun 'fanout --help' for usage and examples\.\n$/);
    // eslint-disable-next-line no-control-regex -- the point: no raw control characters
    expect(stderr.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(stderr).toMatch(/\\x1b|\\x9b/);
  });
});
