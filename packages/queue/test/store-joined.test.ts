import { expect, it } from 'vitest';
import { storeResults } from '../src/job-scripts.js';
import { useRedisPair } from './redis-pair.js';
import { scriptArguments } from './script-arguments.js';

const redis = useRedisPair();

it('a batch of results goes as three arguments (indexes, lines, failed flags), and each line is stored whole, as given', async () => {
  const base = 'fanout:job:joined';
  await redis.a.hset(`${base}:meta`, 'state', 'enqueued');
  const lines = [
    [7, '{"index":7,"ok":true,"data":{"title":"naïve café ✓ 漢字"}}', false],
    [8, '{"index":8,"ok":true,"data":{"body":"two\\nlines, escaped as JSON writes them"}}', false],
    [9, '{"index":9,"ok":false,"error":{"code":"ECONNREFUSED"}}', true],
  ] as const;
  const calls = await scriptArguments(redis.b, redis.a, () => storeResults(redis.a, 'joined', lines));
  expect(calls).toHaveLength(1);
  // EVALSHA sha numkeys, 4 keys, then the batch (MONITOR shows the lines escaped: not compared here).
  const args = calls[0]?.slice(7) ?? [];
  expect(args).toHaveLength(3);
  expect([args[0], args[2]]).toEqual(['7,8,9', '001']);
  expect(await redis.a.hgetall(`${base}:results`)).toEqual({ 7: lines[0][1], 8: lines[1][1], 9: lines[2][1] });
  expect(await redis.a.hmget(`${base}:meta`, 'stored', 'failed')).toEqual(['3', '1']);
});

it('a batch partly stored before (a chunk run again) stores only the new lines, each with its own index, and counts only their failures', async () => {
  const base = 'fanout:job:partly';
  await redis.a.hset(`${base}:meta`, 'state', 'enqueued');
  expect(await storeResults(redis.a, 'partly', [[1, '{"index":1,"first":true}', true], [3, '{"index":3,"first":true}', false]])).toEqual({ stored: 2 });
  const again = [0, 1, 2, 3, 4].map((index) => [index, `{"index":${index},"first":false}`, index % 2 === 1] as const);
  expect(await storeResults(redis.a, 'partly', again)).toEqual({ stored: 3 });
  expect(await redis.a.hgetall(`${base}:results`)).toEqual({
    0: '{"index":0,"first":false}',
    1: '{"index":1,"first":true}',
    2: '{"index":2,"first":false}',
    3: '{"index":3,"first":true}',
    4: '{"index":4,"first":false}',
  });
  // Failed: index 1 the first time; none of 0, 2, 4 the second (1 and 3 were not stored again).
  expect(await redis.a.hmget(`${base}:meta`, 'stored', 'failed')).toEqual(['5', '1']);
});

it('a line with a newline of its own (it would shift every line after it onto another index) is refused: nothing of the batch is stored', async () => {
  const base = 'fanout:job:newline';
  await redis.a.hset(`${base}:meta`, 'state', 'enqueued');
  const batch = [
    [0, '{"index":0}', false],
    [1, '{"index":1,\n"split":true}', false],
    [2, '{"index":2}', false],
  ] as const;
  await expect(storeResults(redis.a, 'newline', batch)).rejects.toThrow(/3 indexes, 4 lines/);
  expect(await redis.a.exists(`${base}:results`, `${base}:done`, `${base}:stored`)).toBe(0);
  expect(await redis.a.hget(`${base}:meta`, 'stored')).toBeNull();
  expect(await storeResults(redis.a, 'newline', [])).toEqual({ stored: 0 });
});
