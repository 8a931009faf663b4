import { describe, expect, it } from 'vitest';
import { useHttpServer } from './http-server.js';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { runCli, startCli } from './run-cli.js';

let requests = 0;
const redis = useRedisServer();
// Every answer announces a budget spent until an absurd reset (about 31 years away).
const upstream = useHttpServer((_req, res) => {
  requests++;
  res.writeHead(200, { 'content-type': 'application/json', 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-reset': '1000000000' }).end('{}');
});

describe('a worker facing an absurd rate-limit reset (reset=1000000000)', () => {
  it('says a repeated warning once, not once per timer', async () => {
    const enqueued = await runCli(['enqueue', '--queue', redis.url, '--job', 'absurd', `${upstream.base}/1`, `${upstream.base}/2`, `${upstream.base}/3`]);
    expect(enqueued.code).toBe(0);
    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '1']);
    let log = '';
    worker.child.stderr?.on('data', (chunk: string) => (log += chunk));
    await until(async () => requests, (n) => n >= 1, 30_000);
    // Where the wait overflows Node's timers, the first warning comes within moments; where
    // the reset is capped, none comes at all.
    await until(async () => log, (text) => text.includes('TimeoutOverflowWarning'), 5000);
    const size = log.length;
    await until(async () => log.length, (length) => length > size, 2000);
    worker.child.kill('SIGKILL');
    await worker.done;
    expect(log.split('TimeoutOverflowWarning').length - 1).toBeLessThanOrEqual(1);
    expect(log.length).toBeLessThan(4096);
  }, 60_000);
});
