// The side-by-side of `npm run bench:scale`: the same N URLs, the same upstream and concurrency,
// through (a) `fanout --file urls -o ndjson > file` alone, (b) `fanout enqueue` + one
// `fanout worker` + `fanout results --follow > file`, all started together, and (c) the same
// with the worker started first, waiting for chunks (as deployed workers wait: the job's time
// counts enqueue's and the follower's starts, not the worker's). Each a whole process, in
// interleaved rounds so every side sees the same load on a shared machine. The worker paths
// also report the Redis commands they cost per input (INFO commandstats on their own fresh
// redis-server).
import { closeSync, openSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openRedis, parseQueueUrl } from '@fanout/queue';
import { checkIndexes, type IndexCoverage } from './ndjson-index-check.js';
import { spawnFanout } from './fanout-process.js';
import { runScaleScenario, type ScaleSettings } from './scale-out-run.js';
import { median } from './stats.js';

/** One side of one round. */
export interface VsCliSample {
  readonly wallMs: number;
  readonly reqPerSec: number;
  readonly coverage: IndexCoverage;
  readonly exit: number | string;
  /** The 1-minute load average as the run ended. */
  readonly load: number;
  /** Worker path only: Redis commands (all clients) per input, and the top commands. */
  readonly redisPerInput?: number;
  readonly topCommands?: ReadonlyArray<readonly [string, number]>;
  /** Worker path only: CPU time redis-server used (INFO cpu, user + sys). */
  readonly redisCpuMs?: number;
  /** CPU time (user + system, ms) of the CLI process, or of the worker process. */
  readonly cpuMs?: number;
  /** Worker path only: CPU time of `results --follow` and of `enqueue`. */
  readonly followerCpuMs?: number;
  readonly enqueueCpuMs?: number;
}

/** Medians of a worker side's rounds, and its samples. */
export interface WorkerSide {
  readonly medianReqPerSec: number;
  readonly medianRedisPerInput: number;
  /** Median CPU time of the worker process. */
  readonly medianCpuMs: number;
  readonly samples: readonly VsCliSample[];
}

/** Medians of the rounds, and each round's samples. */
export interface VsCliResult {
  readonly inputs: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly cli: { readonly medianReqPerSec: number; readonly medianCpuMs: number; readonly samples: readonly VsCliSample[] };
  readonly worker: WorkerSide;
  /** Worker median req/s over the CLI's. */
  readonly ratio: number;
  /** The worker started first, waiting for chunks. */
  readonly waitingWorker: WorkerSide;
  /** Its median req/s over the CLI's. */
  readonly waitingRatio: number;
  /**
   * The worker process's requests per CPU-second over the CLI process's (median CPU times, both
   * worker sides together): what a machine running only workers would do, against the CLI.
   */
  readonly cpuRatio: number;
}

/** `cmdstat_hget:calls=12,...` lines → calls by command. */
export function parseCommandStats(info: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] as string, Number(match[2]));
  return calls;
}

async function runCli(urlFile: string, out: string, inputs: number, settings: ScaleSettings): Promise<VsCliSample> {
  const fd = openSync(out, 'w');
  const started = performance.now();
  const cli = spawnFanout(['--file', urlFile, '-o', 'ndjson', '--concurrency', String(settings.concurrency), '--transport', settings.transport], fd);
  closeSync(fd);
  const exit = await cli.exited;
  const wallMs = performance.now() - started;
  if (exit !== 0) process.stderr.write(`scale vs cli: fanout --file exited ${exit}: ${cli.stderrTail()}\n`);
  return { wallMs, reqPerSec: (inputs * 1000) / wallMs, coverage: await checkIndexes(out, inputs), exit, load: loadavg()[0] ?? 0, cpuMs: await cli.cpuMs };
}

async function runWorker(urlFile: string, dir: string, inputs: number, settings: ScaleSettings, workersFirst: boolean): Promise<VsCliSample> {
  let stats = new Map<string, number>();
  let redisCpuMs = 0;
  const row = await runScaleScenario(
    { inputs, workers: 1, follow: true, workersFirst },
    { ...settings, urlFile, dir },
    async (redisUrl) => {
      const redis = await openRedis(parseQueueUrl(redisUrl));
      stats = parseCommandStats(await redis.info('commandstats'));
      const cpu = await redis.info('cpu');
      redisCpuMs = ['used_cpu_sys', 'used_cpu_user'].reduce((sum, field) => sum + Number(new RegExp(`^${field}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0) * 1000, 0);
      redis.disconnect();
    },
  );
  // The INFO calls count themselves; the bench's own polls for the job are a handful.
  const total = [...stats.values()].reduce((sum, calls) => sum + calls, 0) - 1;
  const top = [...stats.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, calls]) => [name, Math.round((calls / inputs) * 1000) / 1000] as const);
  rmSync(join(dir, `bench-${inputs}-1w-follow.ndjson`), { force: true });
  const exit = row.exits.results === 0 && row.exits.enqueue === 0 && row.exits.workers.every((code) => code === 0) ? 0 : `${row.exits.enqueue}/${row.exits.results}/${row.exits.workers.join(',')}`;
  return {
    wallMs: row.wallMs,
    reqPerSec: (inputs * 1000) / row.wallMs,
    coverage: row.coverage,
    exit,
    load: loadavg()[0] ?? 0,
    redisPerInput: total / inputs,
    topCommands: top,
    redisCpuMs,
    cpuMs: row.cpuMs.workers[0],
    followerCpuMs: row.cpuMs.results,
    enqueueCpuMs: row.cpuMs.enqueue,
  };
}

type Side = 'cli' | 'worker' | 'waiting';

/** Milliseconds as seconds, 2 decimals ('?' when unknown). */
export const seconds = (ms: number | undefined): string => (ms === undefined || Number.isNaN(ms) ? '?' : `${(ms / 1000).toFixed(2)} s`);

const SIDE_NAMES: Record<Side, string> = { cli: 'fanout --file        ', worker: 'worker + follower    ', waiting: 'waiting worker + f.  ' };

/** Runs `rounds` rounds of the three sides (the order turning each round), on the same URL file. */
export async function runVsCli(urlFile: string, dir: string, inputs: number, rounds: number, settings: Omit<ScaleSettings, 'urlFile' | 'dir'>, say: (line: string) => void): Promise<VsCliResult> {
  const full: ScaleSettings = { ...settings, urlFile, dir };
  const samples: Record<Side, VsCliSample[]> = { cli: [], worker: [], waiting: [] };
  const out = join(dir, 'vs-cli.ndjson');
  const sides: readonly Side[] = ['cli', 'worker', 'waiting'];
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => sides[(i + round) % sides.length] as Side);
    for (const side of order) {
      const sample = side === 'cli' ? await runCli(urlFile, out, inputs, full) : await runWorker(urlFile, dir, inputs, full, side === 'waiting');
      samples[side].push(sample);
      rmSync(out, { force: true });
      const redis = sample.redisPerInput === undefined ? '' : `, ${sample.redisPerInput.toFixed(3)} Redis commands/input`;
      const cpu = side === 'cli' ? `CPU ${seconds(sample.cpuMs)}` : `CPU: worker ${seconds(sample.cpuMs)}, follower ${seconds(sample.followerCpuMs)}, enqueue ${seconds(sample.enqueueCpuMs)}, redis-server ${seconds(sample.redisCpuMs)}`;
      say(`  round ${round + 1} ${SIDE_NAMES[side]}: ${sample.reqPerSec.toFixed(0)} req/s (${(sample.wallMs / 1000).toFixed(2)} s), load ${sample.load.toFixed(2)}${redis}, ${cpu}, exit ${sample.exit}`);
    }
  }
  const cliMedian = median(samples.cli.map((s) => s.reqPerSec));
  const cpu = (list: readonly VsCliSample[]) => median(list.map((s) => s.cpuMs));
  const workerSide = (list: readonly VsCliSample[]): WorkerSide => ({ medianReqPerSec: median(list.map((s) => s.reqPerSec)), medianRedisPerInput: median(list.map((s) => s.redisPerInput)), medianCpuMs: cpu(list), samples: list });
  const worker = workerSide(samples.worker);
  const waitingWorker = workerSide(samples.waiting);
  const cliCpu = cpu(samples.cli);
  return {
    inputs,
    concurrency: settings.concurrency,
    rounds,
    cli: { medianReqPerSec: cliMedian, medianCpuMs: cliCpu, samples: samples.cli },
    worker,
    ratio: worker.medianReqPerSec / cliMedian,
    waitingWorker,
    waitingRatio: waitingWorker.medianReqPerSec / cliMedian,
    cpuRatio: cliCpu / cpu([...samples.worker, ...samples.waiting]),
  };
}
