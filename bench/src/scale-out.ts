// `npm run bench:scale`: scale-out as a user runs it. For each scenario, a fresh redis-server
// (Debian's), then `fanout enqueue --file`, N `fanout worker`s and `fanout results --follow`
// (to a file), each its own process; Redis's memory sampled throughout (INFO memory, and
// redis-server's peak RSS). Flags: --n (inputs for 1, 2, 3 workers) --big (the large job, 2
// workers and a follower; 0 skips it) --upstream nginx|demo --latency MS (demo only)
// --concurrency C (per worker) --chunk-size --max-waiting --transport. First, the side by side
// (scale-vs-cli.ts): --vs-cli N URLs (0 skips it) in --rounds interleaved rounds of `fanout --file`
// alone vs one worker + follower (started with the job, and started first: waiting for chunks);
// --vs-cli-only skips the rest; --out DIR for the JSON report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openRedis, parseQueueUrl, startRedisServer } from '@fanout/queue';
import { BenchError } from './bench-error.js';
import { markdownTable, type Cell } from './markdown-table.js';
import { startNginx } from './nginx-upstream.js';
import { RESULTS_DIR } from './paths.js';
import { describeCoverage } from './ndjson-index-check.js';
import { runScaleScenario, type ScaleRow, type ScaleScenario } from './scale-out-run.js';
import { runVsCli, seconds, type VsCliResult } from './scale-vs-cli.js';
import { startUpstreamProcess } from './upstream-process.js';
import { writeUrlFile } from './url-file.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '200000' },
    big: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: '1,2,3' },
    upstream: { type: 'string', default: 'nginx' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '50' },
    'chunk-size': { type: 'string', default: '500' },
    'max-waiting': { type: 'string', default: '20' },
    transport: { type: 'string', default: 'undici' },
    'vs-cli': { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '3' },
    'vs-cli-only': { type: 'boolean', default: false },
    out: { type: 'string', default: RESULTS_DIR },
  },
});
if (values.upstream !== 'nginx' && values.upstream !== 'demo') throw new BenchError(`--upstream must be nginx or demo, got "${values.upstream}"`);
const n = Number(values.n);
const big = Number(values.big);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function redisVersion(): Promise<string> {
  const server = await startRedisServer();
  const redis = await openRedis(parseQueueUrl(server.url));
  const version = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? '?';
  redis.disconnect();
  await server.stop();
  return version;
}

const upstream = values.upstream === 'demo' ? await startUpstreamProcess(Number(values.latency)) : await startNginx();
const base = 'url' in upstream ? upstream.url : upstream.httpUrl;
const upstreamText = values.upstream === 'demo' ? `the demo upstream (own process) answering after ${values.latency} ms` : 'nginx (static posts, 1 worker process)';
const dir = mkdtempSync(join(tmpdir(), 'fanout-bench-scale-'));
const vsCliInputs = Number(values['vs-cli']);
const scenarios: ScaleScenario[] = values['vs-cli-only'] ? [] : [
  ...values.workers.split(',').map((w) => ({ inputs: n, workers: Number(w), follow: true })),
  { inputs: n, workers: 2, follow: false },
  ...(big > 0 ? [{ inputs: big, workers: 2, follow: true }] : []),
];
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memGb: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: release(), redis: await redisVersion() };
say(`fanout scale-out bench — node ${machine.node}, redis ${machine.redis}, ${machine.cpus} cores (${machine.cpu}), ${machine.memGb} GB`);
say(`upstream: ${upstreamText}; ${values.concurrency} in flight per worker (${values.transport}); chunks of ${values['chunk-size']}, at most ${values['max-waiting']} waiting`);
const rows: ScaleRow[] = [];
let vsCli: VsCliResult | undefined;
try {
  if (vsCliInputs > 0) {
    say(`\nside by side: ${vsCliInputs} URLs, ${values.rounds} interleaved rounds, fanout --file alone vs one worker + follower (started with the job, and started first)`);
    const urlFile = await writeUrlFile(join(dir, `urls-vs-cli-${vsCliInputs}.txt`), base, vsCliInputs);
    const settings = { concurrency: Number(values.concurrency), transport: values.transport, chunkSize: Number(values['chunk-size']), maxWaiting: Number(values['max-waiting']) };
    vsCli = await runVsCli(urlFile, dir, vsCliInputs, Number(values.rounds), settings, say);
    say(`  median: fanout --file ${vsCli.cli.medianReqPerSec.toFixed(0)} req/s, worker + follower ${vsCli.worker.medianReqPerSec.toFixed(0)} req/s: ${vsCli.ratio.toFixed(2)}× (target ≥ 0.7×), ${vsCli.worker.medianRedisPerInput.toFixed(3)} Redis commands/input`);
    say(`  median, the worker started first (waiting for chunks): ${vsCli.waitingWorker.medianReqPerSec.toFixed(0)} req/s: ${vsCli.waitingRatio.toFixed(2)}×, ${vsCli.waitingWorker.medianRedisPerInput.toFixed(3)} Redis commands/input`);
    say(`  median CPU per process: fanout --file ${seconds(vsCli.cli.medianCpuMs)}, fanout worker ${seconds(vsCli.worker.medianCpuMs)} (started first: ${seconds(vsCli.waitingWorker.medianCpuMs)}): requests per CPU-second of the worker ÷ the CLI's ${vsCli.cpuRatio.toFixed(2)}×\n`);
  }
  const files = new Map<number, string>();
  for (const scenario of scenarios) {
    let urlFile = files.get(scenario.inputs);
    if (urlFile === undefined) {
      urlFile = await writeUrlFile(join(dir, `urls-${scenario.inputs}.txt`), base, scenario.inputs);
      files.set(scenario.inputs, urlFile);
    }
    const row = await runScaleScenario(scenario, {
      urlFile,
      dir,
      concurrency: Number(values.concurrency),
      transport: values.transport,
      chunkSize: Number(values['chunk-size']),
      maxWaiting: Number(values['max-waiting']),
    });
    rmSync(join(dir, `bench-${scenario.inputs}-${scenario.workers}w${scenario.follow ? '-follow' : ''}.ndjson`), { force: true });
    rows.push(row);
    say(`  ${scenario.inputs} URLs, ${scenario.workers} worker(s)${scenario.follow ? ' + follower' : ', no follower'}: ${(row.wallMs / 1000).toFixed(1)} s, Redis peak ${(row.memory.usedPeak / 2 ** 20).toFixed(1)} MB, ${describeCoverage(row.coverage)}`);
  }
} finally {
  await upstream.stop();
  rmSync(dir, { recursive: true, force: true });
}

const mb = (bytes: number): Cell => ({ value: bytes / 2 ** 20, digits: 1 });
const oneWorker = rows.find((row) => row.workers === 1 && row.follow && row.inputs === n);
const exits = (row: ScaleRow) => `${row.exits.enqueue}/${row.exits.results}/${row.exits.workers.join(',')}`;
say('');
say(`### Scale-out: enqueue + workers + ${'`results --follow`'} (each a process), ${upstreamText}`);
for (const line of markdownTable(
  ['URLs', 'workers', 'follower', 'wall s', 'req/s', 'vs 1 worker', 'Redis used_memory peak MB', 'sampled max MB', 'redis-server peak RSS MB', 'one line per input', 'failed', 'exits e/r/w'],
  rows.map((row) => {
    const rate = (row.inputs * 1000) / row.wallMs;
    const vs = oneWorker && row.inputs === n ? { value: rate / ((oneWorker.inputs * 1000) / oneWorker.wallMs), digits: 2, suffix: '×' } : '';
    return [{ value: row.inputs }, String(row.workers), row.follow ? 'yes' : 'no', { value: row.wallMs / 1000, digits: 1 }, { value: rate }, vs, mb(row.memory.usedPeak), mb(row.memory.usedSampled), mb(row.memory.rssPeak), describeCoverage(row.coverage), { value: row.coverage.failed }, exits(row)];
  }),
))
  say(line);
const report = { date: new Date().toISOString(), command: `node bench/dist/scale-out.js ${process.argv.slice(2).join(' ')}`.trim(), machine, upstream: upstreamText, settings: values, vsCli, rows };
const file = join(values.out, `scale-out-${values.upstream}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
say(`\n(written to ${file})`);
