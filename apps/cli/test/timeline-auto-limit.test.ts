import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, useDemoUpstream } from './run-cli.js';

const demo = useDemoUpstream({ latency: 20 });
beforeEach(() => demo.upstream.resetStats());

describe('--timeline --concurrency auto: the adaptive limit drawn under the waterfall', () => {
  it('draws a limit row on the requests’ time axis, with a legend that ends at the summary’s limit', async () => {
    const { code, stderr } = await runCli(['--ids', '1-40', '--base-url', demo.upstream.url, '-c', 'auto', '--timeline', '--output', 'ndjson'], {
      env: { COLUMNS: '72' },
    });
    expect(code).toBe(0);
    const lines = stderr.split('\n');
    const limitRow = lines.find((line) => /^\s+limit [ ▁▂▃▄▅▆▇█]+ \d+$/.test(line));
    const firstRow = lines.find((line) => /^\s+#1 /.test(line));
    if (!limitRow || !firstRow) throw new Error(`no limit row or no request row in:\n${stderr}`);
    // The same axis: the limit row is as wide as a request row, its bar where theirs is.
    expect(limitRow.length).toBe(firstRow.length);
    expect(limitRow.indexOf(' ', limitRow.indexOf('limit')) + 1).toBe(firstRow.indexOf('#1 ') + 3);
    expect(limitRow.length).toBeLessThanOrEqual(72);

    const host = new URL(demo.upstream.url).host;
    const legend = new RegExp(`limit ${host.replaceAll('.', '\\.')}: 4 → (\\d+) \\(low (\\d+), peak (\\d+); █ = (\\d+)\\)`).exec(stderr);
    const summary = new RegExp(`limit\\s+(\\d+) \\(peak (\\d+)\\)  ${host.replaceAll('.', '\\.')}`).exec(stderr);
    if (!legend || !summary) throw new Error(`no legend or no summary limit in:\n${stderr}`);
    const [end, low, peak, scale] = legend.slice(1).map(Number);
    expect(end).toBe(Number(summary[1]));
    expect(peak).toBe(Number(summary[2]));
    expect(scale).toBe(peak);
    expect(low).toBeGreaterThanOrEqual(1);
    expect(low).toBeLessThanOrEqual(end ?? 0);
    expect(limitRow.endsWith(` ${end}`)).toBe(true);
    // The row's last cell is where the limit ended, drawn as its share of the peak.
    const lastCell = limitRow.replace(/\s+\d+$/, '').at(-1);
    expect(lastCell).toBe('▁▂▃▄▅▆▇█'[Math.ceil(((end ?? 0) / (peak ?? 1)) * 8) - 1]);
  });
});
