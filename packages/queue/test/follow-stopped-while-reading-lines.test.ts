import { Redis } from 'ioredis';
import { afterEach, expect, it, vi } from 'vitest';
import { followResultBatches } from '../src/index.js';
import { storeResults } from '../src/job-scripts.js';
import { jobKeys } from '../src/keys.js';
import { useQueueFixture } from './queue-fixture.js';

const q = useQueueFixture((_req, res) => res.end());

afterEach(() => vi.restoreAllMocks());

const lines = (indexes: readonly number[]) => indexes.map((i) => `{"index":${i}}\n`).join('');

it('a follower stopped while its taken batch is being read (after the take, before the lines arrive) leaves nothing that the next follower to a pipe must write again', async () => {
  const keys = jobKeys('reading');
  await q.redis.hset(keys.meta, { state: 'enqueued', total: 5, chunks: 1, ttl: 60 });
  await storeResults(q.redis, 'reading', [0, 1, 2, 3, 4].map((i) => [i, `{"index":${i}}`, false] as const));
  await q.redis.hset(keys.meta, 'state', 'complete');
  const stop = new AbortController();
  // Ctrl-C lands once the take is applied in Redis and the batch's lines are on their way.
  const callBuffer = Redis.prototype.callBuffer;
  vi.spyOn(Redis.prototype, 'callBuffer').mockImplementation(function (this: Redis, ...args: Parameters<Redis['callBuffer']>) {
    if (args[0] === 'HMGET') stop.abort();
    return callBuffer.apply(this, args);
  });
  const written: string[] = [];
  // As results --follow does: everything yielded is written, then return() once stopped.
  const first = followResultBatches(q.url, 'reading', { signal: stop.signal, waitMs: 100 });
  for (;;) {
    const next = await first.next();
    if (next.done) break;
    written.push(next.value.toString());
    if (stop.signal.aborted) {
      await first.return('stopped');
      break;
    }
  }
  vi.restoreAllMocks();

  // The next follower writes to a pipe (no outputFd): a pending batch left behind would be written again, with a warning.
  const onRewrite = vi.fn();
  for await (const text of followResultBatches(q.url, 'reading', { waitMs: 100, onRewrite })) written.push(text.toString());
  expect(onRewrite).not.toHaveBeenCalled();
  expect(written.join('')).toBe(lines([0, 1, 2, 3, 4]));
  expect(await q.redis.hget(keys.meta, 'followed')).toBe('5');
}, 30_000);
