import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { runCli } from './run-cli.js';

const echo = useEchoServer();
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

async function agentSent(args: readonly string[]): Promise<string | undefined> {
  const before = echo.server.received.length;
  const { code } = await runCli([`${echo.server.url}/ua`, '-o', 'ndjson', ...args]);
  expect(code).toBe(0);
  return echo.server.received[before]?.headers['user-agent'];
}

describe('User-Agent', () => {
  it('is fanout/<version> by default', async () => {
    expect(await agentSent([])).toBe(`fanout/${version}`);
  });

  it('is -A / --user-agent when given', async () => {
    expect(await agentSent(['-A', 'my-tool/1.0 (+https://example.org)'])).toBe('my-tool/1.0 (+https://example.org)');
    expect(await agentSent(['--user-agent', 'other/2'])).toBe('other/2');
  });

  it('is -H User-Agent over -A', async () => {
    expect(await agentSent(['-A', 'from-A/1', '-H', 'User-Agent: from-H/1'])).toBe('from-H/1');
  });

  it('refuses an -A with a control character (exit 2, no request)', async () => {
    const before = echo.server.received.length;
    const { code, stderr } = await runCli([`${echo.server.url}/ua`, '-A', 'evil\r\nX-Injected: 1']);
    expect(code).toBe(2);
    expect(stderr).toContain('-A: the value of header User-Agent has a control character');
    expect(echo.server.received.length).toBe(before);
  });
});
