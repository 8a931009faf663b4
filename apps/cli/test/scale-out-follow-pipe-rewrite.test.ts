import { openRedis, parseQueueUrl, startRedisServer } from '@fanout/queue';
import { expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const line = (index: number) => JSON.stringify({ index, url: `http://h/${index}`, ok: true, status: 200, data: { n: index } });

it('a follower into a pipe that writes again the batch of one that died starts on a new line: a line the dead one left half written is never glued to the first line written again', async () => {
  const redis = await startRedisServer();
  try {
    const client = await openRedis(parseQueueUrl(redis.url));
    const base = 'fanout:job:glued';
    // A complete job of 3 stored results, whose follower (a pid that is gone) died while writing
    // them into a pipe: its pending batch has no file position to check.
    await client.hset(`${base}:meta`, { state: 'complete', total: 3, chunks: 1, ttl: 60, stored: 3, follower: 'nohost:999999:x', followerAt: 0 });
    await client.hset(`${base}:results`, { 0: line(0), 1: line(1), 2: line(2) });
    const id = await client.xadd(`${base}:stored`, '*', 'i', '0,1,2');
    await client.set(`${base}:pending`, JSON.stringify({ entries: [0, 1, 2].map((index) => [index, id]) }));
    client.disconnect();
    // Standing in for the pipe's reader: what the dead follower wrote, half of line 0, comes first.
    const deadHalf = line(0).slice(0, 20);
    const run = await runCli(['results', '--queue', redis.url, '--job', 'glued', '--follow']);
    expect(run.stderr).toContain('may have written 3 lines of its last batch elsewhere');
    expect(run.code).toBe(0);
    const lines = `${deadHalf}${run.stdout}`.split('\n');
    // The half line stays alone (invalid, as the dead follower left it); every line written again is whole.
    expect(lines).toEqual([deadHalf, line(0), line(1), line(2), '']);
  } finally {
    await redis.stop();
  }
}, 60_000);
