import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 20 });
beforeEach(() => demo.upstream.resetStats());

/** The waterfall's request rows: `#N`, then the bar, then the total time. */
function rows(stderr: string, title = 'Timeline'): string[] {
  const start = stderr.split('\n').findIndex((line) => line.startsWith(title));
  const lines = stderr.split('\n').slice(start + 1);
  return lines.slice(0, lines.findIndex((line) => !/^\s+#\d+ /.test(line)));
}

describe('--timeline: a waterfall and a latency histogram on stderr', () => {
  it('draws one row per request, fitting $COLUMNS, with waiting and wire time drawn apart', async () => {
    const { code, stderr } = await runCli(['--ids', '1-12', '--base-url', demo.upstream.url, '-c', '12', '--per-host', '3', '--timeline', '--output', 'ndjson'], {
      env: { COLUMNS: '60' },
    });
    expect(code).toBe(0);
    const drawn = rows(stderr);
    expect(drawn.map((line) => /#(\d+) /.exec(line)?.[1])).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    for (const line of drawn) {
      expect(line.length).toBeLessThanOrEqual(60);
      expect(line).toContain('█');
    }
    // --per-host 3 under -c 12: most requests waited at the host gate, which is drawn as ░.
    expect(drawn.filter((line) => line.includes('░')).length).toBeGreaterThanOrEqual(6);
    expect(stderr).toMatch(/Latency histogram \(on the wire\)\n(\s+[\d.]+ m?s – [\d.]+ m?s +█* ?\d+\n)+/);
    const counted = [...stderr.matchAll(/ s +█+ (\d+)$|ms +█+ (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1] ?? m[2]), 0);
    expect(counted).toBe(12);
    expect(demo.upstream.stats.maxInFlight).toBe(3);
  });

  it('compare: a waterfall for each run', async () => {
    const { code, stderr } = await runCli(['--ids', '1-4', '--base-url', demo.upstream.url, '--mode', 'compare', '--timeline', '--output', 'ndjson']);
    expect(code).toBe(0);
    expect(rows(stderr, 'Timeline, sequential')).toHaveLength(4);
    expect(rows(stderr, 'Timeline, concurrent')).toHaveLength(4);
  });

  it('draws nothing without --timeline', async () => {
    const { stderr } = await runCli(['--ids', '1-3', '--base-url', demo.upstream.url, '--output', 'ndjson']);
    expect(stderr).not.toContain('Timeline');
    expect(stderr).not.toContain('histogram');
  });
});
