import { describe, expect, it } from 'vitest';
import { ndjson, startCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream();

describe('SIGTERM is treated like Ctrl-C', () => {
  it('aborts in-flight requests, prints the partial summary and exits 143', async () => {
    demo.upstream.resetStats();
    const urls = [`${demo.upstream.url}/posts/1`, ...Array.from({ length: 6 }, () => `${demo.upstream.url}/__fault/hang`)];
    const { child, done } = startCli([...urls, '--output', 'ndjson', '--concurrency', '3']);
    await expect.poll(() => demo.upstream.stats.inFlight, { timeout: 15_000 }).toBe(3);

    child.kill('SIGTERM');
    const { code, signal, stdout, stderr } = await done;

    expect(signal).toBeNull();
    expect(code).toBe(143);
    expect(ndjson(stdout).map((l) => l.ok)).toEqual([true]);
    expect(stderr).toContain('interrupted (SIGTERM); in-flight requests were aborted. Partial summary:');
    await expect.poll(() => demo.upstream.stats.aborted, { timeout: 15_000 }).toBe(3);
  });
});
