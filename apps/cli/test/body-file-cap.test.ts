import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const CAP = 64 * 1024 * 1024;

describe('a body from -d/--json @FILE or @- is read whole, so it has a cap (64 MiB)', { timeout: 120_000 }, () => {
  it('a body file over 64 MiB is a usage error (exit 2, one line and a hint), never read', async () => {
    const file = tmpFile('body.bin', '');
    truncateSync(file, CAP + 1);
    for (const flag of ['-d', '--json']) {
      const { code, stderr } = await runCli(['http://127.0.0.1:9/never', flag, `@${file}`]);
      expect(code).toBe(2);
      expect(stderr).toBe(`fanout: cannot read ${flag === '-d' ? '--data' : '--json'} ${file} (${CAP + 1} bytes, over the ${CAP} it may have)\nGive a smaller file.\n`);
    }
  });

  it('an endless body on stdin (-d @-) stops being read past 64 MiB: usage error, nothing sent', async () => {
    const { child, done } = startCli(['http://127.0.0.1:9/never', '-d', '@-', '--retries', '0'], { keepStdinOpen: true });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let written = 0;
    let ended = false;
    child.stdin?.on('error', () => (ended = true));
    void done.then(() => (ended = true));
    while (!ended && written < 4 * CAP) {
      written += chunk.length;
      if (!child.stdin?.write(chunk)) await new Promise((resolve) => { child.stdin?.once('drain', resolve); void done.then(resolve); });
    }
    child.stdin?.end();
    const { code, stdout, stderr } = await done;
    expect(written).toBeLessThan(4 * CAP);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`fanout: cannot read the body from stdin (@-) (over the ${CAP} bytes it may have)\nGive a smaller body.\n`);
  });
});
