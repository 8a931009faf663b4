import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const echo = useEchoServer();

describe('input lines end only at \\n and \\r\\n', () => {
  it('a lone CR stays inside its line (one input, an InvalidUrlError), CRLF ends a line', async () => {
    const u = echo.server.url;
    const file = tmpFile('crlf.txt', `${u}/one\r\n${u}/two\r${u}/three\n${u}/four`);
    const before = echo.server.received.length;
    const { code, stdout } = await runCli(['--file', file, '-o', 'ndjson', '--ordered']);
    expect(code).toBe(1);
    const lines = ndjson(stdout);
    expect(lines.map((l) => [l.line, l.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(lines[1]).toMatchObject({ attempts: 0, error: { name: 'InvalidUrlError' } });
    expect(echo.server.received.slice(before).map((r) => r.path).sort()).toEqual(['/four', '/one']);
  });

  it('a URL with whitespace inside is an InvalidUrlError, never sent with %20', async () => {
    const file = tmpFile('space.txt', `${echo.server.url}/posts/3 trailing\n`);
    const before = echo.server.received.length;
    const { code, stdout } = await runCli(['--file', file, '-o', 'ndjson']);
    expect(code).toBe(1);
    expect(ndjson(stdout)[0]).toMatchObject({ line: 1, ok: false, attempts: 0, error: { name: 'InvalidUrlError' } });
    expect(echo.server.received.length).toBe(before);
  });

  it('a URL argument with whitespace is a usage error', async () => {
    const { code, stderr } = await runCli([`${echo.server.url}/a b`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/contains whitespace/);
  });
});
