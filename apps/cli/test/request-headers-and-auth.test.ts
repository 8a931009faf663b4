import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const echo = useEchoServer();
const SECRET = 'hunter2-very-secret';

describe('request headers and credentials', () => {
  it('-H is repeatable and -H @FILE reads one header a line (comments and CRLF allowed)', async () => {
    const file = tmpFile('headers.txt', `# from a file\r\nX-Api-Key: ${SECRET}\r\n\r\nX-Team: blue\n`);
    const before = echo.server.received.length;
    const { code } = await runCli([`${echo.server.url}/h`, '-H', 'X-One: 1', '-H', 'x-two:2', '-H', `@${file}`, '-o', 'ndjson']);
    expect(code).toBe(0);
    expect(echo.server.received[before]?.headers).toMatchObject({ 'x-one': '1', 'x-two': '2', 'x-api-key': SECRET, 'x-team': 'blue' });
  });

  it('-u USER:PASS sends basic auth and --oauth2-bearer a bearer token', async () => {
    const before = echo.server.received.length;
    await runCli([`${echo.server.url}/basic`, '-u', `alice:${SECRET}`, '-o', 'ndjson']);
    await runCli([`${echo.server.url}/bearer`, '--oauth2-bearer', SECRET, '-o', 'ndjson']);
    const [basic, bearer] = echo.server.received.slice(before);
    expect(basic?.headers.authorization).toBe(`Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`);
    expect(bearer?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it.each([['text'], ['ndjson'], ['json']])('secrets appear nowhere in stdout or stderr (--output %s), also on failures', async (output) => {
    const headers = tmpFile('auth.txt', `Authorization: Bearer ${SECRET}\n`);
    const base64 = Buffer.from(`bob:${SECRET}`).toString('base64');
    const runs = await Promise.all([
      runCli([`${echo.server.url}/ok`, `${echo.server.url}/status/401`, '-H', `@${headers}`, '-o', output, '--retries', '0']),
      runCli([`${echo.server.url}/status/403`, '-u', `bob:${SECRET}`, '-o', output]),
      runCli([`${echo.server.url}/status/500`, '--oauth2-bearer', SECRET, '-H', `X-Token: ${SECRET}`, '-o', output, '--retries', '1']),
      runCli(['http://127.0.0.1:1/refused', '--oauth2-bearer', SECRET, '-o', output, '--retries', '0']),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
      expect(run.stdout + run.stderr).not.toContain(base64);
    }
    if (output === 'ndjson') expect(ndjson(runs[0]?.stdout).map((l) => l.ok).sort()).toEqual([false, true]);
  });

  it('a malformed -H is a usage error that does not print the header value', async () => {
    const { code, stderr } = await runCli([`${echo.server.url}/x`, '-H', `no-colon-${SECRET}`]);
    expect(code).toBe(2);
    expect(stderr).toContain("-H #1 is not a 'Name: value' header");
    expect(stderr).not.toContain(SECRET);
  });
});
