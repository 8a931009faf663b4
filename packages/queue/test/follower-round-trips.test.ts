import type { Redis } from 'ioredis';
import { expect, it, vi } from 'vitest';
import { followResults } from '../src/index.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { useQueueFixture } from './queue-fixture.js';

/** The commands the follower's own connections send, by name. */
const sent = vi.hoisted(() => new Map<string, number>());

vi.mock('../src/connection.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/connection.js')>();
  return {
    ...original,
    openRedis: async (...args: Parameters<typeof original.openRedis>): Promise<Redis> => {
      const redis = await original.openRedis(...args);
      const send = redis.sendCommand.bind(redis);
      redis.sendCommand = (command, ...rest) => {
        const name = command.name.toLowerCase();
        sent.set(name, (sent.get(name) ?? 0) + 1);
        return send(command, ...rest);
      };
      return redis;
    },
  };
});

const q = useQueueFixture((_req, res) => res.end());

it('a follower takes each batch and acknowledges the one before in one script call, then reads its lines with one HMGET: 5 batches of 1000 in about 12 calls, not 4 or more each', async () => {
  const keys = jobKeys('trips');
  await q.redis.hset(keys.meta, { state: 'enqueued', total: 5000, chunks: 10, ttl: 60 });
  await storeResults(q.redis, 'trips', Array.from({ length: 5000 }, (_, i) => [i, `{"index":${i}}`, false] as const));
  await q.redis.hset(keys.meta, 'state', 'complete');
  sent.clear();
  const indexes: number[] = [];
  for await (const line of followResults(q.url, 'trips', { batch: 1000, waitMs: 100 })) indexes.push((JSON.parse(line) as { index: number }).index);
  expect(indexes).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  expect(await q.redis.hget(keys.meta, 'followed')).toBe('5000');
  expect(await q.redis.exists(keys.results, keys.pending)).toBe(0);
  expect(await q.redis.xlen(keys.stored)).toBe(0);
  // Script calls and reads: the lease taken and given up (2), 5 batches taken (5, each with its
  // HMGET: 5) and the empty take that acknowledges the last (1), one wait for more (1), a take
  // after the end (1), a heartbeat or so.
  expect(sent.get('hmget'), JSON.stringify([...sent])).toBe(5);
  const calls = ['eval', 'evalsha', 'xread', 'hmget'].reduce((sum, name) => sum + (sent.get(name) ?? 0), 0);
  expect(calls, JSON.stringify([...sent])).toBeLessThanOrEqual(17);
}, 30_000);
