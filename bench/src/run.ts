// `npm run bench`: every contender as a whole process against nginx (HTTP and HTTPS) and against
// a latency-bound upstream, the wire ceiling (autocannon), cold start, memory, the seed's question.
// Flags: --smoke (tiny sizes, for the test), --only wire,http,https,latency,cold,memory,seed,
// --rounds N, --contenders ID,ID (of http, https and latency; p-map-undici always), --out DIR. Tables go to stdout (Markdown), progress to stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { barChartsSvg } from './chart.js';
import { CONTENDERS, selectContenders } from './contenders.js';
import { startNginx } from './nginx-upstream.js';
import { RESULTS_DIR } from './paths.js';
import { coldStartTable, runColdStart } from './scenario-cold-start.js';
import { memoryTable, runMemory } from './scenario-memory.js';
import { runSeed, seedTable } from './scenario-seed.js';
import { runThroughput, throughputTable, type ThroughputResult } from './scenario-throughput.js';
import { measureWire } from './scenario-wire.js';
import { startLatencyUpstreamProcess, startUpstreamProcess } from './upstream-process.js';
import { writeUrlFile } from './url-file.js';

const SCENARIOS = ['wire', 'http', 'https', 'latency', 'cold', 'memory', 'seed'] as const;
const FULL = {
  throughput: { requests: 20_000, concurrency: 64 },
  latency: { requests: 1000, latencyMs: 200, concurrency: 100 },
  rounds: 5,
  wire: { connections: 64, seconds: 5 },
  coldRuns: 20,
  memory: { lines: [100_000, 1_000_000], concurrency: 64 },
  seed: { counts: [3, 10, 100], latencyMs: 150, concurrency: 10 },
};
const SMOKE: typeof FULL = {
  throughput: { requests: 200, concurrency: 16 },
  latency: { requests: 20, latencyMs: 20, concurrency: 10 },
  rounds: 1,
  wire: { connections: 8, seconds: 0.5 },
  coldRuns: 1,
  memory: { lines: [200, 1000], concurrency: 16 },
  seed: { counts: [3], latencyMs: 20, concurrency: 10 },
};

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string', default: SCENARIOS.join(',') },
    rounds: { type: 'string' },
    contenders: { type: 'string', default: CONTENDERS.map((c) => c.id).join(',') },
    out: { type: 'string', default: RESULTS_DIR },
  },
});
const sizes = values.smoke ? SMOKE : FULL;
const rounds = values.rounds ? Number(values.rounds) : sizes.rounds;
const only = new Set(values.only.split(','));
const unknown = [...only].filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown.length) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (choose from ${SCENARIOS.join(', ')})`);
const contenders = selectContenders(values.contenders);

const say = (line = '') => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memGb: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: release() };
const report: Record<string, unknown> = { date: new Date().toISOString(), command: `node bench/dist/run.js ${process.argv.slice(2).join(' ')}`.trim(), machine, smoke: values.smoke, rounds, sizes };
const work = mkdtempSync(join(tmpdir(), 'fanout-bench-'));

say(`fanout bench — node ${machine.node}, ${machine.cpus} cores (${machine.cpu}), ${machine.memGb} GB; median of ${rounds} round(s), every contender a whole process`);
const nginx = await startNginx();
try {
  const tls = { NODE_EXTRA_CA_CERTS: nginx.caFile };
  const { requests, concurrency } = sizes.throughput;
  if (only.has('wire')) {
    const { connections, seconds } = sizes.wire;
    log(`wire: autocannon, ${connections} connections, ${seconds} s`);
    const wire = { http: await measureWire(nginx.httpUrl, connections, seconds), https: await measureWire(nginx.httpsUrl, connections, seconds, tls) };
    report.wire = wire;
    say();
    say(`## Wire ceiling: autocannon against the same nginx, ${connections} connections, ${seconds} s, no body parsing`);
    say(`HTTP ${wire.http.requestsPerSecond.toFixed(0)} req/s (p50 ${wire.http.latencyMs.p50} ms, errors ${wire.http.errors}, non-2xx ${wire.http.non2xx}); ` +
      `HTTPS ${wire.https.requestsPerSecond.toFixed(0)} req/s (p50 ${wire.https.latencyMs.p50} ms, errors ${wire.https.errors}, non-2xx ${wire.https.non2xx})`);
  }
  for (const [id, base, env, title] of [
    ['http', nginx.httpUrl, {}, 'nginx over HTTP'],
    ['https', nginx.httpsUrl, tls, 'nginx over HTTPS (test certificate trusted through NODE_EXTRA_CA_CERTS)'],
  ] as const) {
    if (!only.has(id)) continue;
    log(`${id}: ${requests} requests at concurrency ${concurrency}, ${contenders.length} contenders × ${rounds} round(s)`);
    const urlFile = await writeUrlFile(join(work, `${id}.txt`), base, requests);
    const result = await runThroughput({ id, title, urlFile, requests, concurrency, rounds, env }, contenders, log);
    report[id] = result;
    say();
    say(`## ${requests.toLocaleString('en-US')} requests at concurrency ${concurrency}, ${title}`);
    for (const line of throughputTable(result)) say(line);
  }
  if (only.has('latency')) {
    const { requests: n, latencyMs, concurrency: c } = sizes.latency;
    const idealMs = Math.ceil(n / c) * latencyMs;
    const upstream = await startLatencyUpstreamProcess(latencyMs);
    try {
      log(`latency: ${n} requests × ${latencyMs} ms at concurrency ${c}`);
      const urlFile = await writeUrlFile(join(work, 'latency.txt'), upstream.url, n);
      const title = `latency-bound: the posts answered ${latencyMs} ms after each request arrived, never sooner (latency-upstream.ts, own process)`;
      const result = await runThroughput({ id: 'latency', title, urlFile, requests: n, concurrency: c, rounds, idealMs }, contenders, log);
      report.latency = result;
      say();
      say(`## ${n.toLocaleString('en-US')} requests × ${latencyMs} ms at concurrency ${c}, ideal ⌈N/C⌉·L = ${(idealMs / 1000).toFixed(2)} s (${title})`);
      for (const line of throughputTable(result)) say(line);
    } finally {
      await upstream.stop();
    }
  }
  if (only.has('cold')) {
    log(`cold: ${sizes.coldRuns} runs each`);
    const oneUrlFile = await writeUrlFile(join(work, 'one-url.txt'), nginx.httpUrl, 1);
    const cold = await runColdStart(`${nginx.httpUrl}/posts/1`, oneUrlFile, sizes.coldRuns);
    report.coldStart = cold;
    say();
    say(`## Cold start: spawn to exit, median of ${cold.runs} runs each, interleaved (the one URL from nginx on loopback)`);
    for (const line of coldStartTable(cold)) say(line);
  }
  if (only.has('memory')) {
    const { lines, concurrency: c } = sizes.memory;
    log(`memory: ${lines.join(' and ')} lines`);
    const memory = await runMemory(nginx.httpUrl, lines, c, work, log);
    report.memory = memory;
    say();
    say(`## Memory: fanout -o ndjson --file F -c ${c} (default transport, stdout to /dev/null) against nginx; flatness ${memory.flatness.toFixed(2)}× (peak RSS of the largest file ÷ the smallest)`);
    for (const line of memoryTable(memory)) say(line);
  }
  if (only.has('seed')) {
    const { counts, latencyMs, concurrency: c } = sizes.seed;
    const upstream = await startUpstreamProcess(latencyMs);
    try {
      log(`seed: ${counts.join(', ')} posts`);
      const seed = await runSeed(upstream.url, counts, latencyMs, c);
      report.seed = seed;
      say();
      say(`## The seed's question: sequential vs concurrent at ${latencyMs} ms per post, concurrency ${c} (in-process, compare())`);
      for (const line of seedTable(seed)) say(line);
    } finally {
      await upstream.stop();
    }
  }
} finally {
  await nginx.stop();
  rmSync(work, { recursive: true, force: true });
}

mkdirSync(values.out, { recursive: true });
const name = values.smoke ? 'smoke' : 'latest';
writeFileSync(join(values.out, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
const panel = (title: string, result: unknown, value: (c: ThroughputResult['contenders'][number], r: ThroughputResult) => number, digits: number) => {
  const r = result as ThroughputResult | undefined;
  return r ? [{ title, bars: r.contenders.map((c) => ({ label: c.name, value: value(c, r), text: value(c, r).toFixed(digits) })) }] : [];
};
const panels = [
  ...panel('nginx over HTTP: requests per second, whole process (higher is better)', report.http, (c, r) => (r.requests * 1000) / c.wallMs, 0),
  ...panel('nginx over HTTPS: requests per second, whole process (higher is better)', report.https, (c, r) => (r.requests * 1000) / c.wallMs, 0),
  ...panel('latency-bound: in-process time ÷ ideal (lower is better, 1.00 = ideal)', report.latency, (c, r) => c.inProcessMs / (r.idealMs ?? NaN), 3),
];
if (panels.length) writeFileSync(join(values.out, `${name === 'smoke' ? 'smoke-chart' : 'chart'}.svg`), barChartsSvg(panels));
say();
say(`results: ${join(values.out, `${name}.json`)}`);
