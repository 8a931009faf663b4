import { freePort } from '@fanout/demo-upstream';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream();


describe('a mixed batch with --retries 2 --timeout 500', () => {
  it('yields one correct line per input', async () => {
    const u = demo.upstream.url;
    const inputs = [
      `${u}/posts/1`,
      `${u}/posts/999`,
      `${u}/__fault/status/500`,
      `${u}/__fault/flaky/mixed?failures=1&status=503`,
      `${u}/__fault/flaky/mixed429?failures=1&status=429&retryAfter=1`,
      `${u}/__fault/reset`,
      `${u}/__fault/hang`,
      `${u}/__fault/malformed`,
      `http://127.0.0.1:${await freePort()}/posts/1`,
    ];
    const { code, stdout } = await runCli([...inputs, '--output', 'ndjson', '--ordered', '--retries', '2', '--timeout', '500']);
    const lines = ndjson(stdout);
    const brief = lines.map((l) => [l.index, l.ok, l.attempts, (l.error as { code?: string } | undefined)?.code ?? l.status]);

    expect(code).toBe(1);
    expect(brief).toEqual([
      [0, true, 1, 200],
      [1, false, 1, 'EHTTP'],
      [2, false, 3, 'EHTTP'],
      [3, true, 2, 200],
      [4, true, 2, 200],
      [5, false, 3, 'ECONNRESET'],
      [6, false, 3, 'ETIMEDOUT'],
      [7, false, 1, 'EPARSE'],
      [8, false, 3, 'ECONNREFUSED'],
    ]);
    expect(lines[2]).toMatchObject({ status: 500 });
    expect(lines[6]).toMatchObject({ error: { name: 'TimeoutError' } });
  });
});
