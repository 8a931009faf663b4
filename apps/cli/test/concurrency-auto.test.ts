import { beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 20 });
beforeEach(() => demo.upstream.resetStats());

describe('--concurrency auto', () => {
  it('runs every input and reports the limit reached for the host', async () => {
    const { code, stdout, stderr } = await runCli(['--ids', '1-40', '--base-url', demo.upstream.url, '--concurrency', 'auto', '--output', 'ndjson']);
    expect(code).toBe(0);
    expect(ndjson(stdout).filter((line) => line.ok === true)).toHaveLength(40);
    const host = new URL(demo.upstream.url).host;
    const match = new RegExp(`limit\\s+(\\d+) \\(peak (\\d+)\\)  ${host.replaceAll('.', '\\.')}`).exec(stderr);
    expect(match).not.toBeNull();
    const [last, peak] = [Number(match?.[1]), Number(match?.[2])];
    expect(last).toBeGreaterThanOrEqual(1);
    expect(peak).toBeGreaterThanOrEqual(last);
    // It starts at 4 and the server never saw more than the peak in flight.
    expect(demo.upstream.stats.maxInFlight).toBeLessThanOrEqual(peak);
  });

  it('is refused with --mode sweep and --mode compare, and a bad value names auto', async () => {
    for (const mode of ['sweep', 'compare']) {
      const { code, stderr } = await runCli(['--ids', '1-3', '--base-url', demo.upstream.url, '-c', 'auto', '--mode', mode]);
      expect(code).toBe(2);
      expect(stderr).toContain(`--concurrency auto cannot be used with --mode ${mode}`);
    }
    const { code, stderr } = await runCli(['--ids', '1-3', '-c', 'fast']);
    expect(code).toBe(2);
    expect(stderr).toContain('or auto');
  });
});
