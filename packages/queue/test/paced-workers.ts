import { fanout, type FetchResult, type SharedLimits } from '@fanout/core';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { openRedis, parseQueueUrl, startRedisServer } from '../src/index.js';

/** For one test file: a throwaway redis-server and three connections to it, as three workers hold. */
export function useThreeConnections(): { readonly all: Redis[] } {
  let server: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  const connections = { all: [] as Redis[] };
  beforeAll(async () => {
    const started = await startRedisServer();
    server = started;
    connections.all = await Promise.all([1, 2, 3].map(() => openRedis(parseQueueUrl(started.url))));
  }, 30_000);
  afterAll(async () => {
    for (const redis of connections.all) redis.disconnect();
    await server?.stop();
  });
  return connections;
}

/** One worker's run of 40 requests to `base` at concurrency 8, sharing `limits` with the others. */
export function workerRun(base: string, worker: number, limits: SharedLimits): Promise<FetchResult[]> {
  const inputs = Array.from({ length: 40 }, (_, i) => `${base}/${worker}/${i}`);
  return new Promise((resolve, reject) => {
    const results: FetchResult[] = [];
    fanout(inputs, { concurrency: 8, retry: 0, timeout: 30_000, sharedLimits: limits }).subscribe({
      next: (r) => results.push(r),
      error: reject,
      complete: () => resolve(results),
    });
  });
}
