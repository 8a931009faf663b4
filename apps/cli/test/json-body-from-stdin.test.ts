import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { runCli } from './run-cli.js';

const echo = useEchoServer();

describe('--json @-', () => {
  it('reads the JSON body from stdin and sends it to every input, as curl does', async () => {
    const before = echo.server.received.length;
    const { code } = await runCli([`${echo.server.url}/a`, `${echo.server.url}/b`, '--json', '@-', '-o', 'ndjson'], { stdin: '{"draft":true}\n' });
    expect(code).toBe(0);
    const sent = echo.server.received.slice(before);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request).toMatchObject({ method: 'POST', body: '{"draft":true}\n' });
      expect(request.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    }
  });

  it('refuses --json @- with --file - (both would read stdin)', async () => {
    const { code, stderr } = await runCli(['--file', '-', '--json', '@-'], { stdin: 'http://127.0.0.1:9/x\n' });
    expect(code).toBe(2);
    expect(stderr).toContain('--json @- and --file - both read stdin');
  });
});
