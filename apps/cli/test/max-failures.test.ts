import { describe, expect, it } from 'vitest';
import { ndjson, runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 5 });

describe('--max-failures N', { timeout: 120_000 }, () => {
  it('stops the run after N failed inputs: exit 1, the summary says how many got no result line', async () => {
    const good = (i: number) => `${demo.upstream.url}/posts/${(i % 100) + 1}`;
    const bad = (i: number) => `${demo.upstream.url}/nope/${i}`; // 404
    const urls = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? bad(i) : good(i)));
    demo.upstream.resetStats();
    const { code, stdout, stderr } = await runCli([...urls, '--max-failures', '3', '--concurrency', '2', '--output', 'ndjson', '--retries', '0']);
    expect(code).toBe(1);
    const lines = ndjson(stdout);
    expect(lines.filter((l) => l.ok === false)).toHaveLength(3);
    expect(lines.length).toBeLessThan(20);
    // Every input that was not printed is accounted for on stderr.
    const stopped = /stopped +after 3 failed inputs \(--max-failures\); (\d+) read but unfinished/.exec(stderr);
    expect(stopped).not.toBeNull();
    expect(demo.upstream.stats.requests).toBeLessThanOrEqual(lines.length + Number(stopped?.[1]));
  });

  it('prints no failure past the Nth when many come back at once', async () => {
    // 60 failing inputs 30 at a time: results come back in bunches, printed once per event-loop
    // turn; none after the one that reached the limit.
    const urls = Array.from({ length: 60 }, (_, i) => `${demo.upstream.url}/nope/${i}`);
    for (let run = 0; run < 3; run++) {
      const { code, stdout, stderr } = await runCli([...urls, '--max-failures', '3', '--concurrency', '30', '--output', 'ndjson', '--retries', '0']);
      expect(code).toBe(1);
      expect(ndjson(stdout).filter((l) => l.ok === false)).toHaveLength(3);
      expect(stderr).toMatch(/ok 0 +failed 3\b/);
      expect(stderr).toMatch(/stopped +after 3 failed inputs/);
    }
  });

  it('is a usage error with --mode compare', async () => {
    const { code, stderr } = await runCli([`${demo.upstream.url}/posts/1`, '--mode', 'compare', '--max-failures', '1']);
    expect(code).toBe(2);
    expect(stderr).toContain('--mode compare runs the inputs twice');
  });
});
