import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

describe('-H @FILE is read whole, so it has a cap (1 MiB)', { timeout: 60_000 }, () => {
  it('a header file over 1 MiB is a usage error (exit 2, one line and a hint), read no further', async () => {
    const file = tmpFile('headers.txt', `X-Big: ${'a'.repeat(2 * 1024 * 1024)}\n`);
    const { code, stderr } = await runCli(['http://127.0.0.1:9/never', '-H', `@${file}`]);
    expect(code).toBe(2);
    expect(stderr).toBe(`fanout: cannot read -H ${file} (2097160 bytes, over the 1048576 it may have)\nGive a smaller file.\n`);
  });
});
