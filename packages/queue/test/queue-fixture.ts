import type { RequestListener } from 'node:http';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { openRedis, parseQueueUrl, startRedisServer } from '../src/index.js';
import { startLocalUpstream } from './local-upstream.js';

/** For one test file: a throwaway redis-server with a client, and an upstream answering with `handler`. */
export function useQueueFixture(handler: RequestListener): { readonly url: string; readonly redis: Redis; readonly base: string } {
  let server: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  let upstream: Awaited<ReturnType<typeof startLocalUpstream>> | undefined;
  const fixture = {} as { url: string; redis: Redis; base: string };
  beforeAll(async () => {
    server = await startRedisServer();
    upstream = await startLocalUpstream(handler);
    Object.assign(fixture, { url: server.url, redis: await openRedis(parseQueueUrl(server.url)), base: upstream.base });
  }, 30_000);
  afterAll(async () => {
    fixture.redis?.disconnect();
    await upstream?.close();
    await server?.stop();
  });
  return fixture;
}
