import { hostname } from 'node:os';
import { createTransport, fanout, serializeResult, type FetchResult, type Transport, type TransportName } from '@fanout/core';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { lastValueFrom, tap } from 'rxjs';
import type { ChunkData } from './chunk.js';
import { openRedis, parseQueueUrl } from './connection.js';
import { jobKeys, PREFIX, QUEUE_NAME } from './keys.js';
import { RedisLimits } from './redis-limits.js';

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /**
   * Requests in flight in this worker (one chunk at a time).
   * @default 10
   */
  readonly concurrency?: number;
  /**
   * How long a chunk's lock lasts without renewal: a killed worker's chunk is taken over by
   * another worker after about this long.
   * @default 30000
   */
  readonly lockMs?: number;
  /**
   * The transport by name, or one of the caller's (closed with the worker).
   * @default 'undici'
   */
  readonly transport?: TransportName | Transport;
  /**
   * Headers this worker adds to every request (over the job's own): credentials given to the
   * worker are never stored in Redis.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Called after each chunk, for logs. @default undefined */
  readonly onChunk?: (chunk: { job: string; chunk: number; count: number; failed: number; ms: number }) => void;
}

/** A running worker. */
export interface RunningWorker {
  readonly id: string;
  /** Stops taking chunks, lets the current one finish, then disconnects. */
  close(): Promise<void>;
}

const RESULT_BATCH = 100;

/** Per-job counters of this worker, written to Redis for `fanout status`. */
class WorkerStats {
  private readonly byJob = new Map<string, { done: number; failed: number; inFlight: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly id: string,
  ) {}

  of(job: string) {
    let stats = this.byJob.get(job);
    if (!stats) this.byJob.set(job, (stats = { done: 0, failed: 0, inFlight: 0 }));
    return stats;
  }

  async publish(): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.byJob].map(([job, s]) =>
        this.redis.hset(jobKeys(job).workers, { [`${this.id}:done`]: s.done, [`${this.id}:failed`]: s.failed, [`${this.id}:inflight`]: s.inFlight, [`${this.id}:seen`]: now }),
      ),
    );
  }
}

/**
 * Runs chunks from the queue through the core engine, writing each result under its input's
 * index (so a chunk taken over after a crash overwrites, never doubles), with the job's rate
 * limits, host pauses and retry budget shared through Redis.
 *
 * @example
 * const worker = await startWorker('redis://127.0.0.1:6379/0', { concurrency: 32 });
 * process.on('SIGTERM', () => void worker.close());
 */
export async function startWorker(queueUrl: string, options: WorkerOptions = {}): Promise<RunningWorker> {
  const queue = parseQueueUrl(queueUrl);
  const redis = await openRedis(queue);
  const blocking = await openRedis(queue);
  const concurrency = options.concurrency ?? 10;
  const id = `${hostname()}-${process.pid}`;
  const transport: Transport = typeof options.transport === 'object' ? options.transport : createTransport(options.transport ?? 'undici', { connections: concurrency });
  const stats = new WorkerStats(redis, id);
  const ticker = setInterval(() => void stats.publish().catch(() => undefined), 250);

  const processChunk = async (bullJob: Job<ChunkData>) => {
    const { job, chunk, start, urls, options: run } = bullJob.data;
    const { retries, ...limitsAndFields } = run;
    const keys = jobKeys(job);
    const limits = new RedisLimits(redis, job, run);
    const counters = stats.of(job);
    const started = performance.now();
    let pending: string[] = [];
    let failed = 0;
    const writes: Promise<unknown>[] = [];
    const write = () => {
      if (pending.length === 0) return;
      writes.push(redis.hset(keys.results, ...pending));
      pending = [];
    };
    let remaining = urls.length;
    counters.inFlight = Math.min(concurrency, remaining);
    try {
      await lastValueFrom(
        fanout(urls, { ...limitsAndFields, retry: retries, headers: { ...run.headers, ...options.headers }, concurrency, transport, sharedLimits: limits }).pipe(
          tap((result: FetchResult) => {
            const index = start + result.index;
            pending.push(String(index), JSON.stringify({ ...serializeResult(result), index }));
            remaining--;
            counters.inFlight = Math.min(concurrency, remaining);
            counters.done++;
            if (!result.ok) {
              counters.failed++;
              failed++;
            }
            if (pending.length >= RESULT_BATCH * 2) write();
          }),
        ),
        { defaultValue: undefined },
      );
      write();
      await Promise.all(writes);
      await limits.flush();
    } finally {
      counters.inFlight = 0;
      await stats.publish().catch(() => undefined);
    }
    options.onChunk?.({ job, chunk, count: urls.length, failed, ms: performance.now() - started });
  };

  const worker = new Worker<ChunkData>(QUEUE_NAME, processChunk, {
    connection: blocking,
    prefix: PREFIX,
    concurrency: 1,
    lockDuration: options.lockMs ?? 30_000,
    stalledInterval: Math.max(500, Math.floor((options.lockMs ?? 30_000) / 2)),
    maxStalledCount: 5,
  });
  worker.on('error', () => undefined);
  await worker.waitUntilReady();

  return {
    id,
    async close() {
      await worker.close();
      clearInterval(ticker);
      await stats.publish().catch(() => undefined);
      await transport.close();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}
