import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

// What a hostile upstream sends to take over a terminal: set the window title (OSC ... BEL),
// clear the screen (CSI 2J), the one-character CSI of C1 (U+009B), a carriage return that
// overwrites the line, a right-to-left override that reorders it.
const ATTACK = 'a\x1b]0;PWNED\x07b\x1b[2Jc\u009b31md\re\u202ef\x08g';
// eslint-disable-next-line no-control-regex -- what must never reach the terminal
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('control characters from response data are shown escaped in text output, never sent raw to the terminal', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/text') res.writeHead(200, { 'content-type': 'text/plain' }).end(ATTACK);
      else if (req.url === '/post') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ title: ATTACK, body: `line 1\n${ATTACK}` }));
      else if (req.url === '/json' || req.url?.startsWith('/json?')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ other: ATTACK }));
      else if (req.url === '/notjson') res.writeHead(200, { 'content-type': 'application/json' }).end(`${ATTACK}{`);
      else res.writeHead(422, { 'content-type': 'text/plain' }).end(ATTACK);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('in bodies, titles, JSON data, error bodies, parse errors and URLs, on stdout and stderr', async () => {
    const file = tmpFile('urls.txt', `${url}/text\n${url}/post\n${url}/json\n${url}/notjson\n${url}/fail\n${url}/text?\x1b]0;URL\x07\n`);
    const run = await runCli(['--file', file, '--retries', '0']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stderr).not.toMatch(RAW);
    // Shown, escaped: nothing is dropped silently (a one-line excerpt folds whitespace, \r included).
    expect(run.stdout).toContain('Title: a\\x1b]0;PWNED\\x07b\\x1b[2Jc\\x9b31md\\x0de\\u202ef\\x08g');
    expect(run.stdout).toContain('  a\\x1b]0;PWNED\\x07b\\x1b[2Jc\\x9b31md e\\u202ef\\x08g');
    expect(run.stdout).toContain('body: a\\x1b]0;PWNED');
    expect(run.stdout).toContain('"other":"a\\u001b]0;PWNED\\u0007b\\u001b[2Jc\\x9b31md');
    expect(run.stdout).toContain('?\\x1b]0;URL\\x07');
    // A multi-line body keeps its lines.
    expect(run.stdout).toMatch(/Body: {2}line 1\n {9}a\\x1b/);
  });

  it('in the --fields warning on stderr, which names the URL', async () => {
    const run = await runCli(['--fields', 'missing', `${url}/json?\x1b]0;URL\x07`]);
    expect(run.stderr).toContain('matched nothing in the response of');
    expect(run.stderr).toContain('?\\x1b]0;URL\\x07');
    expect(run.stdout + run.stderr).not.toMatch(RAW);
  });

  for (const output of ['ndjson', 'json']) {
    it(`in --output ${output}: JSON escapes what JSON.stringify leaves raw (C1, bidi), the values unchanged`, async () => {
      const run = await runCli(['--output', output, `${url}/text`]);
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(RAW);
      const parsed = JSON.parse(output === 'json' ? run.stdout : (run.stdout.split('\n')[0] as string)) as { data?: unknown; results?: Array<{ data: unknown }> };
      expect(parsed.data ?? parsed.results?.[0]?.data).toBe(ATTACK);
    });
  }

  it('in the ParseError of --body json', async () => {
    const run = await runCli(['--body', 'json', `${url}/text`]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(RAW);
  });
});
