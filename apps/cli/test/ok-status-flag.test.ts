import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';

const echo = useEchoServer();

describe('--ok-status', () => {
  it('makes the listed statuses and ranges ok results (their body is data, exit 0)', async () => {
    const urls = [404, 410, 451, 200].map((status) => `${echo.server.url}/status/${status}`);
    const { code, stdout } = await runCli([...urls, '--ok-status', '404,450-459,410', '-o', 'ndjson', '--ordered']);
    expect(code).toBe(0);
    expect(ndjson(stdout).map((line) => [line.ok, line.status, (line.data as { path: string }).path])).toEqual([
      [true, 404, '/status/404'],
      [true, 410, '/status/410'],
      [true, 451, '/status/451'],
      [true, 200, '/status/200'],
    ]);
  });

  it('leaves other statuses failures (exit 1), and never retries a listed one', async () => {
    const before = echo.server.received.length;
    const { code, stdout } = await runCli([`${echo.server.url}/status/503`, `${echo.server.url}/status/500`, '--ok-status', '503', '--retries', '2', '-o', 'ndjson', '--ordered']);
    expect(code).toBe(1);
    expect(ndjson(stdout).map((line) => [line.ok, line.status])).toEqual([
      [true, 503],
      [false, 500],
    ]);
    expect(echo.server.received.slice(before).filter((r) => r.path === '/status/503')).toHaveLength(1);
  });

  it.each([['4xx'], ['404,'], ['499-400'], ['600'], ['']])('refuses %j with the value it got (exit 2)', async (value) => {
    const { code, stderr } = await runCli([`${echo.server.url}/a`, '--ok-status', value]);
    expect(code).toBe(2);
    expect(stderr).toContain(`argument '${value}' is invalid`);
    expect(stderr).toContain('e.g. 404,410 or 400-499');
  });
});
