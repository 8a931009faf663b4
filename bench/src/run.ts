// `npm run bench`: S1–S4 side by side, the demo upstream in its own process on loopback.
// Flags: --smoke (tiny sizes, for the test), --only s1,s2,s3,s4, --reps N, --out DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compare } from '@fanout/core';
import { barChartsSvg } from './chart.js';
import { median, runChild } from './child-json.js';
import { CONTENDERS } from './contenders.js';
import { startUpstreamProcess } from './upstream-process.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', default: 's1,s2,s3,s4' },
    reps: { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('../results', import.meta.url)) },
  },
});
const smoke = values.smoke;
const only = new Set(values.only.split(','));
const SIZES = smoke
  ? { s1: { n: 20, latency: 20, c: 10, warmup: 10 }, s2: { n: 300, c: 16, warmup: 50, reps: 1 }, s3: { n: 2000, c: 20 }, s4: { counts: [3], latency: 20, c: 10 } }
  : { s1: { n: 200, latency: 100, c: 50, warmup: 50 }, s2: { n: 20_000, c: 64, warmup: 2000, reps: 3 }, s3: { n: 1_000_000, c: 100 }, s4: { counts: [3, 10, 100], latency: 150, c: 10 } };
const reps = values.reps ? Number(values.reps) : SIZES.s2.reps;

interface ContenderRun {
  name: string;
  ok: number;
  wallMs: number;
  cpuUsPerRequest: number;
  maxRssMb: number;
}

const report: Record<string, unknown> = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  smoke,
};
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const pad = (text: string | number, width: number) => String(text).padStart(width);
const names = Object.keys(CONTENDERS);

say(`fanout bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);

if (only.has('s1')) {
  const { n, latency, c, warmup } = SIZES.s1;
  const ideal = Math.ceil(n / c) * latency;
  const upstream = await startUpstreamProcess(latency);
  const runs: ContenderRun[] = [];
  for (const name of names) runs.push(await runChild<ContenderRun>('./contender-process.js', [name, upstream.url, n, c, warmup]));
  await upstream.stop();
  say();
  say(`S1 latency-bound: ${n} requests x ${latency} ms, concurrency ${c}; ideal ceil(N/C) x latency = ${ideal} ms`);
  say(`${'contender'.padEnd(24)}${pad('wall ms', 10)}${pad('wall/ideal', 12)}${pad('ok', 7)}`);
  for (const run of runs) say(`${run.name.padEnd(24)}${pad(run.wallMs.toFixed(1), 10)}${pad((run.wallMs / ideal).toFixed(3), 12)}${pad(run.ok, 7)}`);
  report.s1 = { n, latency, concurrency: c, idealMs: ideal, runs };
}

if (only.has('s2')) {
  const { n, c, warmup } = SIZES.s2;
  const upstream = await startUpstreamProcess(0);
  const samples = new Map<string, ContenderRun[]>(names.map((name) => [name, []]));
  // Interleave the contenders, rep by rep, so a noisy moment hits all of them alike.
  for (let rep = 0; rep < reps; rep++) {
    for (const name of names) samples.get(name)?.push(await runChild<ContenderRun>('./contender-process.js', [name, upstream.url, n, c, warmup]));
  }
  await upstream.stop();
  const rps = new Map(names.map((name) => [name, median((samples.get(name) ?? []).map((r) => (n * 1000) / r.wallMs))]));
  const base = (name: string) => rps.get(name) ?? NaN;
  say();
  say(`S2 CPU-bound: ${n} requests, 0 ms latency, concurrency ${c}; median of ${reps} runs, each in a fresh process`);
  say(`${'contender'.padEnd(24)}${pad('req/s', 9)}${pad('vs rxjs+axios', 15)}${pad('vs p-map+undici', 17)}${pad('client CPU µs/req', 19)}${pad('peak RSS MB', 13)}`);
  for (const name of names) {
    const r = base(name);
    const runs = samples.get(name) ?? [];
    const rss = median(runs.map((s) => s.maxRssMb));
    const cpu = median(runs.map((s) => s.cpuUsPerRequest));
    say(
      `${name.padEnd(24)}${pad(r.toFixed(0), 9)}${pad(`${(r / base('rxjs mergeMap + axios')).toFixed(2)}x`, 15)}${pad(`${(r / base('p-map + undici')).toFixed(2)}x`, 17)}${pad(cpu.toFixed(1), 19)}${pad(rss.toFixed(0), 13)}`,
    );
  }
  report.s2 = { n, concurrency: c, reps, requestsPerSecond: Object.fromEntries(rps), samples: Object.fromEntries(samples) };
}

if (only.has('s3')) {
  const { n, c } = SIZES.s3;
  const upstream = await startUpstreamProcess(0);
  const dir = join(values.out, '..', 'tmp');
  mkdirSync(dir, { recursive: true });
  const runs = [];
  for (const transport of ['axios', 'undici']) {
    runs.push(
      await runChild<{ transport: string; ok: number; failed: number; wallMs: number; throughput: number; rssBeforeMb: number; peakRssMb: number }>(
        './memory-process.js',
        [upstream.url, n, c, transport, join(dir, 'urls.txt')],
        ['--expose-gc'],
      ),
    );
  }
  await upstream.stop();
  say();
  say(`S3 memory: ${n.toLocaleString('en')} URLs streamed from a file, concurrency ${c}, 0 ms latency`);
  say(`${'transport'.padEnd(24)}${pad('peak RSS MB', 13)}${pad('RSS at start', 14)}${pad('req/s', 9)}${pad('ok', 10)}${pad('failed', 8)}`);
  for (const run of runs) {
    say(`${`fanout (${run.transport})`.padEnd(24)}${pad(run.peakRssMb.toFixed(0), 13)}${pad(run.rssBeforeMb.toFixed(0), 14)}${pad(run.throughput.toFixed(0), 9)}${pad(run.ok, 10)}${pad(run.failed, 8)}`);
  }
  report.s3 = { n, concurrency: c, runs };
}

if (only.has('s4')) {
  const { counts, latency, c } = SIZES.s4;
  const upstream = await startUpstreamProcess(latency);
  const rows = [];
  for (const count of counts) {
    const urls = Array.from({ length: count }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}`);
    const comparison = await compare(urls, { concurrency: c });
    rows.push({ count, sequentialMs: comparison.sequential.wallMs, concurrentMs: comparison.concurrent.wallMs, speedup: comparison.speedup, ideal: count / Math.ceil(count / c) });
  }
  await upstream.stop();
  say();
  say(`S4 the seed's question: sequential vs concurrent at ${latency} ms per post, concurrency ${c}`);
  say(`${'posts'.padEnd(8)}${pad('sequential ms', 15)}${pad('concurrent ms', 15)}${pad('speedup', 9)}${pad('ideal', 8)}`);
  for (const row of rows) say(`${String(row.count).padEnd(8)}${pad(row.sequentialMs.toFixed(0), 15)}${pad(row.concurrentMs.toFixed(0), 15)}${pad(`${row.speedup.toFixed(2)}x`, 9)}${pad(`${row.ideal.toFixed(2)}x`, 8)}`);
  report.s4 = { latency, concurrency: c, rows };
}

mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, smoke ? 'smoke.json' : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
const panels = [];
const s1 = report.s1 as { idealMs: number; runs: ContenderRun[] } | undefined;
if (s1) panels.push({ title: `S1 latency-bound: wall time / ideal (lower is better, 1.00 = ideal)`, bars: s1.runs.map((r) => ({ label: r.name, value: r.wallMs / s1.idealMs, text: (r.wallMs / s1.idealMs).toFixed(3) })) });
const s2 = report.s2 as { requestsPerSecond: Record<string, number> } | undefined;
if (s2) panels.push({ title: 'S2 CPU-bound: requests per second (higher is better)', bars: Object.entries(s2.requestsPerSecond).map(([label, value]) => ({ label, value, text: value.toFixed(0) })) });
if (panels.length) writeFileSync(join(values.out, smoke ? 'smoke-chart.svg' : 'chart.svg'), barChartsSvg(panels));
say();
say(`results: ${join(values.out, smoke ? 'smoke.json' : 'latest.json')}`);
