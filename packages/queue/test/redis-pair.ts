import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { openRedis, parseQueueUrl, startRedisServer } from '../src/index.js';

/** For one test file: a throwaway redis-server with two clients, as two workers would hold. */
export function useRedisPair(): { readonly a: Redis; readonly b: Redis } {
  let server: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  const pair = {} as { a: Redis; b: Redis };
  beforeAll(async () => {
    server = await startRedisServer();
    Object.assign(pair, { a: await openRedis(parseQueueUrl(server.url)), b: await openRedis(parseQueueUrl(server.url)) });
  }, 30_000);
  afterAll(async () => {
    pair.a?.disconnect();
    pair.b?.disconnect();
    await server?.stop();
  });
  return pair;
}
