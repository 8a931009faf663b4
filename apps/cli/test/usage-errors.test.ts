import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('usage errors: one clear line, a hint, exit 2, no stack trace', () => {
  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--ids', '5-1'], /range "5-1" goes backwards; write 1-5/],
    [['--ids', 'abc'], /"abc" is not an id/],
    [['--file', '/no/such/file'], /cannot read --file \/no\/such\/file \(ENOENT\)/],
    [['not-a-url'], /URL "not-a-url" is not a valid URL/],
    [['ftp://example.test/x'], /is not an http\(s\) URL/],
    [['--concurrency', '0'], /--concurrency <n>' argument '0' is invalid. must be an integer from 1 to 10000/],
    [['--timeout', 'soon'], /--timeout <ms>' argument 'soon' is invalid/],
    [['--output', 'xml'], /argument 'xml' is invalid. Allowed choices are text, json, ndjson/],
    [['--mode', 'parallel'], /Allowed choices are concurrent, sequential, compare/],
    [['--live', '--base-url', 'http://127.0.0.1:9'], /--live and --base-url both choose the upstream/],
    [['--base-url', 'nope'], /--base-url "nope" is not a valid URL/],
    [['--fail-rate', '2'], /must be a number from 0 to 1/],
    [['--transport', 'curl'], /Allowed choices are http1, undici, axios/],
    [['--latency', '50', '--base-url', 'http://127.0.0.1:9'], /--latency shapes the embedded demo upstream, which --base-url does not use/],
    [['--fail-rate', '0.5', '--live'], /--fail-rate shapes the embedded demo upstream, which --live does not use/],
    [['--latency', '5', 'http://127.0.0.1:9/x'], /which URLs or --file does not use/],
    [['http://127.0.0.1:9/x', '-d', 'a', '--json', '{}'], /--data and --json both give the body/],
    [['http://127.0.0.1:9/x', '-u', 'alice'], /-u needs USER:PASSWORD/],
    [['http://127.0.0.1:9/x', '-X', 'FETCH'], /-X, --request <method>' argument 'FETCH' is invalid/],
    [['http://127.0.0.1:9/x', '-H', '@/no/such/headers'], /cannot read -H \/no\/such\/headers \(ENOENT\)/],
    [['http://127.0.0.1:9/x', '--retry-on', '429,abc'], /must be HTTP statuses separated by commas/],
    [['http://127.0.0.1:9/x', '--cacert', '/no/such/ca.pem'], /cannot read --cacert \/no\/such\/ca.pem/],
    [['--file', '-', '-d', '@-'], /--data @- and --file - both read stdin/],
  ])('%j', async (args, reason) => {
    const { code, stdout, stderr } = await runCli(args);
    const lines = stderr.trim().split('\n');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^fanout: /);
    expect(lines[0]).toMatch(reason);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--help and --version', () => {
  it('--help shows the flags and examples and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--ids', '--file', '--mode', '--concurrency', '--timeout', '--retries', '--per-host', '--rate', '--per-host-rate', '--ordered', '--fields', '--output', '--quiet', '--no-progress', '--live', '--base-url', '--transport']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes: 0 all ok, 1 some requests failed, 2 usage error, 74 the results could not be');
  });

  it('--version prints the version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
