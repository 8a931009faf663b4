import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENDERS } from '../src/contenders.js';
import type { ThroughputResult } from '../src/scenario-throughput.js';
import type { ColdStartResult } from '../src/scenario-cold-start.js';
import type { MemoryResult } from '../src/scenario-memory.js';
import type { WireCeiling } from '../src/scenario-wire.js';

const RUN = fileURLToPath(new URL('../dist/run.js', import.meta.url));

interface Report {
  wire: { http: WireCeiling; https: WireCeiling };
  http: ThroughputResult;
  https: ThroughputResult;
  latency: ThroughputResult;
  coldStart: ColdStartResult;
  memory: MemoryResult;
  seed: { rows: { posts: number; ideal: number }[] };
}

const out = mkdtempSync(join(tmpdir(), 'fanout-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// Counts and shapes only: the smoke run proves the harness works, never how fast anything is.
describe('npm run bench (smoke: tiny sizes)', () => {
  it('runs every contender as a whole process in every scenario, measured from outside and inside, and writes the report', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [RUN, '--smoke', '--out', out], { timeout: 280_000, maxBuffer: 8 * 2 ** 20 }, (error, text, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(text),
      ),
    );
    const report = JSON.parse(readFileSync(join(out, 'smoke.json'), 'utf8')) as Report;
    const names = CONTENDERS.map((c) => c.name);

    for (const [scenario, requests] of [
      [report.http, 200],
      [report.https, 200],
      [report.latency, 20],
    ] as const) {
      expect(scenario.contenders.map((c) => c.name)).toEqual(names);
      for (const contender of scenario.contenders) {
        expect({ name: contender.name, ok: contender.ok }).toEqual({ name: contender.name, ok: requests });
        for (const sample of contender.samples) {
          // The probe reported from inside every process: a first request, an exit after it, CPU, peak RSS.
          expect(sample.exitCode).toBe(0);
          expect(sample.startupMs).toBeGreaterThan(0);
          expect(sample.inProcessMs).toBeGreaterThan(0);
          expect(sample.cpuMs).toBeGreaterThan(0);
          expect(sample.maxRssMb).toBeGreaterThan(10);
        }
      }
    }
    expect(report.latency.idealMs).toBe(40);
    for (const wire of [report.wire.http, report.wire.https]) expect({ errors: wire.errors, non2xx: wire.non2xx, some: wire.requests > 0 }).toEqual({ errors: 0, non2xx: 0, some: true });
    expect(report.coldStart.rows.map((row) => row.name)).toEqual([
      'node -e 0',
      'fanout --version',
      'fanout -o ndjson URL (one URL)',
      'p-map + undici script (one URL)',
      '@fanout/core (defaults) script (one URL)',
      'node:http, by hand script (one URL)',
    ]);
    expect(report.coldStart.rows.every((row) => row.samplesMs.length === 1 && row.maxRssMb > 10)).toBe(true);
    expect(report.memory.rows.map((row) => [row.lines, row.exitCode])).toEqual([
      [200, 0],
      [1000, 0],
    ]);
    expect(report.memory.flatness).toBeGreaterThan(0);
    expect(report.seed.rows).toMatchObject([{ posts: 3, ideal: 3 }]);

    // The printed tables: a Markdown row per contender in each of the three scenarios.
    for (const name of names) {
      const row = new RegExp(`^\\| ${name.replace(/[()+.*]/g, '\\$&')} +\\|.*\\| +(200|20) \\|$`, 'gm');
      expect(stdout.match(row)).toHaveLength(3);
    }
    expect(readFileSync(join(out, 'smoke-chart.svg'), 'utf8')).toMatch(/^<svg[\s\S]*nginx over HTTP:[\s\S]*nginx over HTTPS:[\s\S]*latency-bound[\s\S]*<\/svg>\n$/);
  }, 300_000);
});
