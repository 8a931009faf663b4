import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';

const echo = useEchoServer();

describe('--body auto|json|text', () => {
  it('auto (the default) keeps an HTML page as text and parses JSON; json insists; text keeps JSON as text', async () => {
    const page = `${echo.server.url}/html`;
    const api = `${echo.server.url}/api`;
    const auto = ndjson((await runCli([page, api, '-o', 'ndjson', '--ordered'])).stdout);
    expect(auto[0]).toMatchObject({ ok: true, data: expect.stringContaining('<p>hello</p>') as unknown });
    expect(auto[1]).toMatchObject({ ok: true, data: { method: 'GET', path: '/api' } });
    const json = ndjson((await runCli([page, '--body', 'json', '-o', 'ndjson'])).stdout);
    expect(json[0]).toMatchObject({ ok: false, error: { code: 'EPARSE' } });
    const text = ndjson((await runCli([api, '--body', 'text', '-o', 'ndjson'])).stdout);
    expect(typeof text[0]?.data).toBe('string');
  });
});
