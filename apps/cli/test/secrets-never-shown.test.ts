import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from './echo-server.js';
import { runCli, type CliRun } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const SECRET = 'S3CRET';

// Every way a URL or a proxy with a password reaches the CLI, in every output form: the password
// must appear nowhere in what it writes (stdout or stderr), whatever fails or succeeds.
describe('a password in a URL, a proxy or the base URL is never shown', () => {
  let server: EchoServer;
  let origin: string;
  beforeAll(async () => {
    server = await startEchoServer();
    origin = server.url.replace('http://', `http://user:${SECRET}@`);
  });
  afterAll(() => server.close());

  const expectHidden = (run: CliRun) => {
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).toContain('***');
  };

  for (const output of ['text', 'ndjson', 'json']) {
    it(`in --output ${output}: results, HTTP errors, invalid URLs, refused connections and the --fields warning`, async () => {
      const lines = [
        `http://u:${SECRET}@exa mple/`,
        `ftp://u:${SECRET}@host/x`,
        `http://u:${SECRET}@[bad`,
        `http://u:pa/${SECRET}@host`,
        `http:u:${SECRET}@127.0.0.1:1/x`,
        JSON.stringify({ url: `http://u:${SECRET}@[spec` }),
        `http://u:${SECRET}@127.0.0.1:1/refused`,
      ];
      const file = tmpFile('urls.txt', `${lines.join('\n')}\n`);
      const run = await runCli(['--output', output, '--retries', '0', '--fields', 'nothing', '--timeline', '--file', file, `${origin}/ok`, `${origin}/status/422`]);
      expect(run.code).toBe(1);
      expectHidden(run);
    });
  }

  it('in the upstream line of --base-url', async () => {
    const run = await runCli(['--base-url', origin, '--ids', '1', '--output', 'ndjson']);
    expect(run.stderr).toContain(`upstream: ${server.url.replace('http://', 'http://user:***@')}`);
    expectHidden(run);
  });

  it('in the usage errors of URL arguments, --base-url and -x', async () => {
    for (const args of [
      [`http://u:${SECRET}@exa mple/`],
      [`http://u:${SECRET}@host/a b`],
      [`mailto:u:${SECRET}@host`],
      ['--base-url', `http://u:${SECRET}@[bad`, '--ids', '1'],
      ['-x', `http://u:${SECRET}@[bad`, `${server.url}/ok`],
      ['-x', `u:${SECRET}@proxy:3128`, `${server.url}/ok`],
      ['--proxy', `socks5://u:${SECRET}@proxy:1080`, `${server.url}/ok`],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expectHidden(run);
    }
  });

  it('in the errors of HTTP_PROXY and HTTPS_PROXY', async () => {
    for (const env of [{ HTTPS_PROXY: `http://u:${SECRET}@[bad` }, { HTTP_PROXY: `ftp://u:${SECRET}@proxy` }, { http_proxy: `u:${SECRET}@[bad` }]) {
      const run = await runCli([`${server.url}/ok`, 'https://127.0.0.1:1/x'], { env: { NO_PROXY: '', no_proxy: '', ...env } });
      expect(run.code, JSON.stringify(env)).not.toBe(0);
      expectHidden(run);
    }
  });

  it('when a proxy with a password is used (-x, HTTP_PROXY), in every output form', async () => {
    for (const output of ['text', 'ndjson', 'json']) {
      const viaFlag = await runCli(['--output', output, '--retries', '0', '-x', `http://u:${SECRET}@127.0.0.1:1`, `${server.url}/ok`]);
      expect(viaFlag.code).toBe(1);
      expect(viaFlag.stdout + viaFlag.stderr).not.toContain(SECRET);
      const viaEnv = await runCli(['--output', output, '--retries', '0', `${server.url}/ok`], { env: { HTTP_PROXY: `http://u:${SECRET}@127.0.0.1:1`, NO_PROXY: '', no_proxy: '' } });
      expect(viaEnv.code).toBe(1);
      expect(viaEnv.stdout + viaEnv.stderr).not.toContain(SECRET);
    }
  });

  it('in the queue commands: a bad --queue URL and an unreachable one', async () => {
    for (const queue of [`redis://:${SECRET}@[bad/0`, `http://u:${SECRET}@127.0.0.1:1/0`, `redis://:${SECRET}@127.0.0.1:1/0`]) {
      const run = await runCli(['status', '--queue', queue, '--job', 'j']);
      expect(run.code, queue).toBe(2);
      expectHidden(run);
    }
  });
});
