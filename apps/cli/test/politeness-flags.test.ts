import { beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 30 });
beforeEach(() => demo.upstream.resetStats());

describe('--per-host, --rate, --timeout, --retries reach the core', () => {
  it('--per-host caps the requests in flight at the upstream below --concurrency', async () => {
    const { code } = await runCli(['--ids', '1-12', '--base-url', demo.upstream.url, '--concurrency', '8', '--per-host', '2', '--output', 'ndjson']);
    expect(code).toBe(0);
    expect(demo.upstream.stats.maxInFlight).toBe(2);
  });

  it('--concurrency alone is the cap', async () => {
    await runCli(['--ids', '1-12', '--base-url', demo.upstream.url, '--concurrency', '6', '--output', 'ndjson']);
    expect(demo.upstream.stats.maxInFlight).toBe(6);
  });

  it('--rate spaces the requests: 6 at 20/s take at least 250 ms', async () => {
    const { stderr } = await runCli(['--ids', '1-6', '--base-url', demo.upstream.url, '--concurrency', '6', '--rate', '20', '--output', 'ndjson']);
    const wall = /wall time\s+(\d+) ms/.exec(stderr)?.[1];
    expect(Number(wall)).toBeGreaterThanOrEqual(5 * 50 - 10);
  });

  it('--per-host-rate spaces the requests to one host: 4 at 20/s take at least 150 ms', async () => {
    const { stderr } = await runCli(['--ids', '1-4', '--base-url', demo.upstream.url, '--per-host-rate', '20', '--output', 'ndjson']);
    expect(Number(/wall time\s+(\d+) ms/.exec(stderr)?.[1])).toBeGreaterThanOrEqual(3 * 50 - 10);
  });

  it('--timeout and --retries: a hanging URL times out on every attempt', async () => {
    // 1 s per attempt: long enough for each attempt to reach the server on a busy machine.
    const { code, stdout } = await runCli([`${demo.upstream.url}/__fault/hang`, '--timeout', '1000', '--retries', '1', '--output', 'ndjson']);
    expect(code).toBe(1);
    expect(ndjson(stdout)[0]).toMatchObject({ ok: false, attempts: 2, error: { name: 'TimeoutError', code: 'ETIMEDOUT' } });
    await expect.poll(() => demo.upstream.stats.byPath.get('/__fault/hang'), { timeout: 10_000 }).toBe(2);
  });
});
