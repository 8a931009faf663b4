import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../dist/run.js', import.meta.url));

describe('npm run bench (smoke: tiny sizes)', () => {
  it('runs S1-S4 side by side and prints every row with its ratio, a JSON report and a chart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fanout-bench-'));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [RUN, '--smoke', '--out', out], { timeout: 100_000 }, (error, text) => (error ? reject(error) : resolve(text))),
    );
    const contenders = ['fanout (axios)', 'fanout (undici)', 'rxjs mergeMap + axios', 'p-map + undici', 'node:http keep-alive'];

    for (const heading of ['S1 latency-bound', 'S2 CPU-bound', 'S3 memory', "S4 the seed's question"]) expect(stdout).toContain(heading);
    for (const name of contenders) {
      expect(stdout).toMatch(new RegExp(`${name.replace(/[()+]/g, '\\$&')}\\s+[\\d.]+\\s+\\d\\.\\d{3}\\s+20\\n`));
      expect(stdout).toMatch(new RegExp(`${name.replace(/[()+]/g, '\\$&')}\\s+\\d+\\s+\\d+\\.\\d\\dx\\s+\\d+\\.\\d\\dx`));
    }
    expect(stdout).toMatch(/fanout \(undici\)\s+\d+\s+\d+\s+\d+\s+2000\s+0\n/);
    expect(stdout).toMatch(/^3\s+\d+\s+\d+\s+\d+\.\d\dx\s+3\.00x$/m);

    const report = JSON.parse(readFileSync(join(out, 'smoke.json'), 'utf8')) as { s2: { requestsPerSecond: Record<string, number> } };
    expect(Object.keys(report.s2.requestsPerSecond)).toEqual(contenders);
    expect(readFileSync(join(out, 'smoke-chart.svg'), 'utf8')).toMatch(/^<svg[\s\S]*S1 latency-bound[\s\S]*S2 CPU-bound[\s\S]*<\/svg>\n$/);
  });
});
