import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const echo = useEchoServer();

describe('request specs in --file, mixed with URL lines', () => {
  it('sends each spec as written; flags are defaults and a spec’s own fields win', async () => {
    const u = echo.server.url;
    const file = tmpFile(
      'requests.ndjson',
      [
        `${u}/plain`,
        JSON.stringify({ url: `${u}/created`, method: 'POST', body: { title: 'x', tags: ['a'] } }),
        JSON.stringify({ url: `${u}/raw`, method: 'put', headers: { 'X-Mode': 'spec', 'Content-Type': 'text/plain' }, body: 'raw text' }),
        JSON.stringify({ url: `${u}/only-url` }),
      ].join('\n'),
    );
    const before = echo.server.received.length;
    const { code, stdout } = await runCli(['--file', file, '-H', 'X-Mode: flag', '-H', 'X-Flag: yes', '-X', 'PATCH', '-o', 'ndjson', '--ordered', '-c', '1']);
    expect(code).toBe(0);
    const got = new Map(echo.server.received.slice(before).map((r) => [r.path, r]));
    expect(got.get('/plain')).toMatchObject({ method: 'PATCH', body: '', headers: { 'x-mode': 'flag', 'x-flag': 'yes' } });
    expect(got.get('/created')).toMatchObject({ method: 'POST', body: '{"title":"x","tags":["a"]}', headers: { 'content-type': 'application/json', 'x-flag': 'yes' } });
    expect(got.get('/raw')).toMatchObject({ method: 'PUT', body: 'raw text', headers: { 'x-mode': 'spec', 'content-type': 'text/plain', 'x-flag': 'yes' } });
    expect(got.get('/only-url')?.method).toBe('PATCH');
    expect(ndjson(stdout).map((l) => [l.index, l.line, l.ok])).toEqual([
      [0, 1, true],
      [1, 2, true],
      [2, 3, true],
      [3, 4, true],
    ]);
  });

  it('a bad spec line is one failed result that names its line; the other lines still run', async () => {
    const u = echo.server.url;
    const file = tmpFile('bad.ndjson', `# comment\n${u}/a\n\n{"url": "${u}/b", "token": "hunter2\n{not json at all hunter2\n{"url": "${u}/c", "method": "FETCH"}\n${u}/d\n`);
    const { code, stdout, stderr } = await runCli(['--file', file, '-o', 'ndjson', '--ordered']);
    expect(code).toBe(1);
    const lines = ndjson(stdout);
    expect(lines.map((l) => [l.line, l.ok])).toEqual([
      [2, true],
      [4, false],
      [5, false],
      [6, false],
      [7, true],
    ]);
    expect(lines[1]).toMatchObject({ attempts: 0, error: { name: 'InputLineError', code: 'EBADINPUT' } });
    expect((lines[1]?.error as { message: string }).message).toMatch(/^line 4 of .*bad\.ndjson: not valid JSON/);
    expect((lines[2]?.error as { message: string }).message).toMatch(/^line 5 of .*: not valid JSON \(at column 2\)/);
    expect((lines[3]?.error as { message: string }).message).toMatch(/^line 6 of .*: "method" must be one of/);
    expect(stdout + stderr).not.toContain('hunter2');
    expect(stderr).toMatch(/failed 3 \(EBADINPUT 3\)/);
  });

  it('text output names the file line of each result', async () => {
    const file = tmpFile('urls.txt', `\n\n${echo.server.url}/status/404\n`);
    const { stdout } = await runCli(['--file', file, '--retries', '0']);
    expect(stdout).toMatch(/^✖ line 3 http:\/\/127\.0\.0\.1:\d+\/status\/404 HttpError/m);
  });
});
