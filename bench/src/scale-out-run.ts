import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jobStatus, startRedisServer } from '@fanout/queue';
import { checkIndexes, type IndexCoverage } from './ndjson-index-check.js';
import { spawnFanout, stopFanout, type FanoutProcess } from './fanout-process.js';
import { watchRedisMemory, type RedisMemoryPeaks } from './redis-memory-watch.js';

/** One scale-out run: a job of `inputs` URLs through `workers` worker processes. */
export interface ScaleScenario {
  readonly inputs: number;
  readonly workers: number;
  /** A `results --follow` process streams the results out (else they stay in Redis until the end). */
  readonly follow: boolean;
  /**
   * The workers start before the clock and wait for chunks, as deployed workers do; the job's
   * time then counts enqueue's and the follower's starts, not theirs. (Else all start together.)
   */
  readonly workersFirst?: boolean;
}

/** How the workers run. */
export interface ScaleSettings {
  readonly urlFile: string;
  readonly dir: string;
  readonly concurrency: number;
  readonly transport: string;
  readonly chunkSize: number;
  readonly maxWaiting: number;
}

/** What one run measured. */
export interface ScaleRow extends ScaleScenario {
  /** Spawn of enqueue (and of the workers, unless they were first) and follower to the last line written (follow) or the job complete. */
  readonly wallMs: number;
  readonly memory: RedisMemoryPeaks;
  readonly coverage: IndexCoverage;
  /** Exit codes: enqueue, follower (or the later `results`), workers after SIGTERM. */
  readonly exits: { readonly enqueue: number | string; readonly results: number | string; readonly workers: ReadonlyArray<number | string> };
  /** CPU time (user + system, ms) of each process, as it exited (undefined: no report). */
  readonly cpuMs: { readonly enqueue: number | undefined; readonly results: number | undefined; readonly workers: ReadonlyArray<number | undefined> };
}

async function until(check: () => Promise<boolean>, everyMs: number): Promise<void> {
  while (!(await check())) await sleep(everyMs);
}

async function jobState(queueUrl: string, job: string): Promise<string | undefined> {
  return jobStatus(queueUrl, job).then(
    (status) => status.state,
    () => undefined,
  );
}

/** Resolves once the worker says it waits for chunks (throws if it exits first, or after 60 s). */
async function untilWaiting(worker: FanoutProcess): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!worker.stderrTail().includes('waiting for chunks')) {
    if (worker.child.exitCode !== null || performance.now() > deadline) throw new Error(`scale-out: the worker did not start: ${worker.stderrTail()}`);
    await sleep(10);
  }
}

/** Writes a `fanout results` process's stdout to `file`; resolves with its exit. */
function resultsTo(file: string, args: readonly string[]): FanoutProcess {
  const fd = openSync(file, 'w');
  const results = spawnFanout(args, fd);
  closeSync(fd); // the child holds its own copy
  return results;
}

/**
 * Runs one scenario on a fresh redis-server (so its peaks are this run's), every part a `fanout`
 * process; `beforeStop` sees the server once every process has exited (e.g. for its commandstats).
 */
export async function runScaleScenario(scenario: ScaleScenario, settings: ScaleSettings, beforeStop?: (redisUrl: string) => Promise<void>): Promise<ScaleRow> {
  const redis = await startRedisServer();
  try {
    const memory = await watchRedisMemory(redis.url, redis.pid);
    const job = `bench-${scenario.inputs}-${scenario.workers}w${scenario.follow ? '-follow' : ''}`;
    const out = join(settings.dir, `${job}.ndjson`);
    const queue = ['--queue', redis.url];
    const startWorker = () => spawnFanout(['worker', ...queue, '--concurrency', String(settings.concurrency), '--transport', settings.transport]);
    const waiting = scenario.workersFirst ? Array.from({ length: scenario.workers }, startWorker) : [];
    await Promise.all(waiting.map(untilWaiting));
    const started = performance.now();
    const enqueue = spawnFanout(['enqueue', ...queue, '--job', job, '--file', settings.urlFile, '--chunk-size', String(settings.chunkSize), '--max-waiting', String(settings.maxWaiting)]);
    const workers = scenario.workersFirst ? waiting : Array.from({ length: scenario.workers }, startWorker);
    let results: FanoutProcess | undefined;
    let wallMs: number;
    if (scenario.follow) {
      // The follower starts once the job exists (enqueue creates it within a moment).
      await until(async () => (await jobState(redis.url, job)) !== undefined, 20);
      results = resultsTo(out, ['results', ...queue, '--job', job, '--follow']);
      await results.exited;
      wallMs = performance.now() - started;
    } else {
      await until(async () => (await jobState(redis.url, job)) === 'complete', 100);
      wallMs = performance.now() - started;
    }
    const enqueueExit = await enqueue.exited;
    if (enqueueExit !== 0) process.stderr.write(`scale-out: enqueue exited ${enqueueExit}: ${enqueue.stderrTail()}\n`);
    const workerExits = await Promise.all(workers.map(stopFanout));
    const peaks = await memory.stop();
    // Without a follower, the stored results are read in input order once the job is complete.
    results ??= resultsTo(out, ['results', ...queue, '--job', job]);
    const resultsExit = await results.exited;
    if (resultsExit !== 0) process.stderr.write(`scale-out: results exited ${resultsExit}: ${results.stderrTail()}\n`);
    await beforeStop?.(redis.url);
    const cpuMs = { enqueue: await enqueue.cpuMs, results: await results.cpuMs, workers: await Promise.all(workers.map((worker) => worker.cpuMs)) };
    return { ...scenario, wallMs, memory: peaks, coverage: await checkIndexes(out, scenario.inputs), exits: { enqueue: enqueueExit, results: resultsExit, workers: workerExits }, cpuMs };
  } finally {
    await redis.stop();
  }
}
