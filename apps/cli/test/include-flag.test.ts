import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';

const echo = useEchoServer();

describe('-i / --include', () => {
  it('puts status and response headers (lower-case names) in each ndjson line, ok or failed', async () => {
    const { code, stdout } = await runCli([`${echo.server.url}/a`, `${echo.server.url}/status/404`, '-i', '-o', 'ndjson', '--ordered', '--retries', '0']);
    expect(code).toBe(1);
    const [ok, missing] = ndjson(stdout);
    expect(ok).toMatchObject({ ok: true, status: 200, headers: { 'content-type': 'application/json' } });
    expect(missing).toMatchObject({ ok: false, status: 404, headers: { 'content-type': 'application/json' } });
    for (const line of [ok, missing]) for (const name of Object.keys(line?.headers as object)) expect(name).toBe(name.toLowerCase());
  });

  it('lists the headers under the result line in text output', async () => {
    const { code, stdout } = await runCli([`${echo.server.url}/a`, '-i', '--no-progress']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const at = lines.findIndex((line) => line.includes(`${echo.server.url}/a`));
    expect(lines[at]).toMatch(/200 in/);
    expect(lines[at + 1]).toBe('  < content-type: application/json');
  });

  it('adds no headers without -i', async () => {
    const { stdout } = await runCli([`${echo.server.url}/a`, '-o', 'ndjson']);
    expect(ndjson(stdout)[0]).not.toHaveProperty('headers');
  });
});
