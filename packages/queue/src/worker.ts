import { hostname } from 'node:os';
import { createTransport, fanout, type FetchResult, type RequestInput, type Transport, type TransportName } from '@fanout/core';
import type { Job } from 'bullmq';
import { lastValueFrom, tap } from 'rxjs';
import type { ChunkData } from './chunk.js';
import { openRedis, parseQueueUrl } from './connection.js';
import { atMost } from './at-most.js';
import { withDuplicatesEndingWhileReconnecting } from './ends-while-reconnecting.js';
import { completeIfDone, countChunkError, inputsWithoutResult, storeResults } from './job-scripts.js';
import { jobKeys, PREFIX, QUEUE_NAME } from './keys.js';
import { RedisHostLeases } from './redis-host-leases.js';
import { giveBackBookedAhead, RedisLimits } from './redis-limits.js';
import { PooledInputs, SlotPool } from './slot-pool.js';
import { failedLine, inputUrl, resultLine } from './result-line.js';
import { WorkerStats } from './worker-stats.js';
import { loadBullmq } from './load-bullmq.js';

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /**
   * Requests in flight in this worker (two chunks at a time share them: the next starts as the
   * current one drains).
   * @default 10
   */
  readonly concurrency?: number;
  /**
   * How long a chunk's lock (and a per-host lease) lasts without renewal: a killed worker's
   * chunk is taken over, and its `perHost` leases freed, after about this long.
   * @default 30000
   */
  readonly lockMs?: number;
  /**
   * The transport by name, or one of the caller's (closed with the worker).
   * @default 'http1'
   */
  readonly transport?: TransportName | Transport;
  /**
   * Headers this worker adds to every request (over the job's own): credentials given to the
   * worker are never stored in Redis.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Called after each chunk, for logs; `dropped` says why a chunk's results were not (all) stored.
   * @default undefined
   */
  readonly onChunk?: (chunk: { job: string; chunk: number; count: number; failed: number; ms: number; dropped?: 'gone' | 'cancelled' | undefined }) => void;
  /**
   * Called when a chunk fails as a whole (an error no input's result explains): it is retried,
   * and after its last attempt (`final`) each of its inputs without a result gets a failed line
   * (`ECHUNKFAILED`, `failedLines` of them), so the job still ends.
   * @default undefined
   */
  readonly onChunkError?: (failure: { job: string; chunk: number; attempt: number; attempts: number; error: string; final: boolean; failedLines: number }) => void;
}

/**
 * BullMQ's lock settings for a takeover within about `lockMs` of a worker's death: the lock
 * lasts 2/3 of it (renewed every 1/3), and stalled chunks are checked every 1/6. A dead
 * worker's lock expires at most 2/3 × lockMs after it died; a chunk is moved back to wait by
 * the second check that finds it without a lock, and checks are at least an interval apart
 * across all workers (one may be skipped), so takeover comes within 2/3 + 2 × 1/6 = lockMs.
 */
export function lockTimings(lockMs: number): { lockDuration: number; stalledInterval: number; bound: number } {
  const lockDuration = Math.max(300, Math.floor((lockMs * 2) / 3));
  const stalledInterval = Math.max(50, Math.floor(lockMs / 6));
  return { lockDuration, stalledInterval, bound: lockDuration + 2 * stalledInterval };
}

/** A running worker. */
export interface RunningWorker {
  readonly id: string;
  /** Stops taking chunks, lets the current one finish, then disconnects. */
  close(): Promise<void>;
}

/** Results stored in one script call (or every STORE_EVERY_MS, whichever comes first). */
const RESULT_BATCH = 200;
/** Chunks a worker runs at once, their requests in flight together within its `concurrency`. */
const CHUNKS_AT_ONCE = 2;
/** How long a stopping worker waits for its last report to Redis (`stopped`). */
const FINAL_REPORT_MS = 2000;
/** Times a chunk may be found stalled (its worker killed, or blocked past its lock) before BullMQ fails it. */
const MAX_STALLS = 5;
/** Results are stored at least this often, so `status` and followers see them live. */
const STORE_EVERY_MS = 250;

/**
 * Runs chunks from the queue through the core engine, storing each input's result once (a
 * chunk taken over after a crash never stores an index twice), with the job's rate limits,
 * host pauses and retry budget shared through Redis. A chunk of a cancelled job, or of a job
 * Redis no longer has (it lost its data), is dropped: its requests are not sent, or are aborted.
 *
 * @example
 * const worker = await startWorker('redis://127.0.0.1:6379/0', { concurrency: 32 });
 * process.on('SIGTERM', () => void worker.close());
 */
export async function startWorker(queueUrl: string, options: WorkerOptions = {}): Promise<RunningWorker> {
  const queue = parseQueueUrl(queueUrl);
  // Every request in flight books its slot and records its outcome here: their commands share writes.
  const redis = await openRedis(queue, undefined, true);
  const blocking = await openRedis(queue);
  const concurrency = options.concurrency ?? 10;
  const lockMs = options.lockMs ?? 30_000;
  const id = `${hostname()}-${process.pid}`;
  const transport: Transport = typeof options.transport === 'object' ? options.transport : createTransport(options.transport ?? 'http1', { connections: concurrency });
  const stats = new WorkerStats(redis, id, lockMs);
  const slots = new SlotPool(concurrency);
  const ticker = setInterval(() => void stats.publish().catch(() => undefined), 250);

  const processChunk = async (bullJob: Job<ChunkData>) => {
    const { job, chunk, start, urls, options: run } = bullJob.data;
    const started = performance.now();
    const state = await redis.hget(jobKeys(job).meta, 'state');
    if (state === null || state === 'cancelled') {
      options.onChunk?.({ job, chunk, count: 0, failed: 0, ms: performance.now() - started, dropped: state === null ? 'gone' : 'cancelled' });
      return;
    }
    const { retries, ...limitsAndFields } = run;
    // A chunk taken over from a dead worker (or retried) runs only the inputs without a result.
    const todo = await inputsWithoutResult(redis, job, start, urls.length);
    const inputs = todo.length === urls.length ? urls : todo.map((index) => urls[index - start] as RequestInput);
    const leases = new RedisHostLeases(redis, jobKeys(job).hostLeases, id, lockMs);
    const limits = new RedisLimits(redis, job, run, leases);
    const counters = stats.of(job);
    const abort = new AbortController();
    let dropped: 'gone' | 'cancelled' | undefined;
    let pending: Array<readonly [number, string, boolean]> = [];
    let failed = 0;
    let storing: Promise<unknown> = Promise.resolve();
    const store = () => {
      if (pending.length === 0 || dropped) return storing;
      const batch = pending;
      pending = [];
      storing = storing.then(async () => {
        if (dropped) return;
        const outcome = await storeResults(redis, job, batch);
        if ('stopped' in outcome) {
          dropped = outcome.stopped;
          abort.abort();
        }
      });
      return storing;
    };
    const timer = setInterval(() => void store().catch(() => undefined), STORE_EVERY_MS);
    const pooled = new PooledInputs(inputs, slots, (delta) => (counters.inFlight += delta));
    try {
      await lastValueFrom(
        fanout(pooled, { ...limitsAndFields, retry: retries, headers: { ...run.headers, ...options.headers }, concurrency, transport, sharedLimits: limits, signal: abort.signal }).pipe(
          tap((result: FetchResult) => {
            const index = todo[result.index] ?? start + result.index;
            const { line, failed: lineFailed } = resultLine(result, index);
            pending.push([index, line, lineFailed]);
            pooled.done();
            counters.done++;
            if (lineFailed) {
              counters.failed++;
              failed++;
            }
            if (pending.length >= RESULT_BATCH) void store().catch(() => undefined);
          }),
        ),
        { defaultValue: undefined },
      );
      clearInterval(timer);
      await store();
      if (!dropped) {
        await limits.flush();
        await completeIfDone(redis, job);
      }
    } finally {
      clearInterval(timer);
      pooled.close();
      leases.close();
      await stats.publish().catch(() => undefined);
    }
    options.onChunk?.({ job, chunk, count: inputs.length, failed, ms: performance.now() - started, dropped });
  };

  // After a chunk's last attempt: each of its inputs without a result gets a failed line, so the job still ends.
  const failRemaining = async (data: ChunkData, why: string): Promise<number> => {
    const { job, start, urls } = data;
    if (!Array.isArray(urls)) return 0;
    const lines = urls.map((input, i) => {
      const { line } = failedLine(start + i, inputUrl(input), 'ECHUNKFAILED', why);
      return [start + i, line, true] as const;
    });
    const outcome = await storeResults(redis, job, lines);
    await completeIfDone(redis, job);
    return 'stored' in outcome ? outcome.stored : 0;
  };

  // A chunk that fails as a whole is retried (the chunk's `attempts`); after the last attempt,
  // its inputs without a result get a failed line each, so the job still ends.
  const processOrFail = async (bullJob: Job<ChunkData>) => {
    try {
      await processChunk(bullJob);
    } catch (error) {
      const { job, chunk } = bullJob.data;
      const attempts = bullJob.opts.attempts ?? 1;
      const attempt = bullJob.attemptsMade + 1;
      const final = attempt >= attempts;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await countChunkError(redis, job).catch(() => undefined);
      const failedLines = final ? await failRemaining(bullJob.data, `its chunk failed ${attempts} times (${message})`) : 0;
      options.onChunkError?.({ job, chunk, attempt, attempts, error: message, final, failedLines });
      if (!final) throw error;
    }
  };

  // A chunk found stalled (its worker gone, or blocked past its lock) more than MAX_STALLS times
  // is failed by BullMQ as a worker takes it, without running it: its inputs get failed lines
  // here, or the job would never end (its follower waiting forever).
  const failStalled = async (bullJob: Job<ChunkData>) => {
    const { job, chunk } = bullJob.data;
    const attempts = bullJob.opts.attempts ?? 1;
    const message = `stalled ${bullJob.stalledCounter} times: its workers were killed, or blocked longer than --lock-ms`;
    await countChunkError(redis, job).catch(() => undefined);
    const failedLines = await failRemaining(bullJob.data, `its chunk ${message}`);
    options.onChunkError?.({ job, chunk, attempt: bullJob.attemptsMade + 1, attempts, error: message, final: true, failedLines });
  };

  const timings = lockTimings(lockMs);
  // Loaded here, not at start-up: a follower or `status` never needs BullMQ.
  const { Worker } = await loadBullmq();
  const worker = new Worker<ChunkData>(QUEUE_NAME, processOrFail, {
    // Its blocking connection is a duplicate: close() must not wait forever for it while it reconnects.
    connection: withDuplicatesEndingWhileReconnecting(blocking),
    prefix: PREFIX,
    // The next chunk starts while the current one drains (sharing `slots`): the engine's window
    // never empties between chunks.
    concurrency: CHUNKS_AT_ONCE,
    lockDuration: timings.lockDuration,
    stalledInterval: timings.stalledInterval,
    maxStalledCount: MAX_STALLS,
  });
  worker.on('error', () => undefined);
  worker.on('failed', (bullJob: Job<ChunkData> | undefined) => {
    if (bullJob?.deferredFailure !== undefined) void failStalled(bullJob).catch(() => undefined);
  });
  await worker.waitUntilReady();

  return {
    id,
    async close() {
      await worker.close();
      clearInterval(ticker);
      // Best effort: with Redis down it would wait for Redis to come back (status shows the worker lost after lockMs).
      await atMost(Promise.all([stats.publish(true), giveBackBookedAhead(redis)]), FINAL_REPORT_MS);
      await transport.close();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}
