import { jobStatus, openRedis, parseQueueUrl } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useHttpServer } from './http-server.js';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { runCli, startCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

let inFlight = 0;
let maxInFlight = 0;
const redis = useRedisServer();
const upstream = useHttpServer((_req, res) => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  res.on('close', () => inFlight--);
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 200);
});

describe('--per-host N holds across workers (leases in Redis)', () => {
  it("a SIGKILLed worker's leases expire and the others go on, never more than N in flight at the upstream", async () => {
    const file = tmpFile('urls.txt', `${Array.from({ length: 60 }, (_, i) => `http://${upstream.host}/r/${i}`).join('\n')}\n`);
    expect((await runCli(['enqueue', '--queue', redis.url, '--job', 'leases', '--file', file, '--chunk-size', '10', '--per-host', '3'])).code).toBe(0);
    // The victim's leases last 6 s unrenewed: long enough to see them held after its death.
    const victim = startCli(['worker', '--queue', redis.url, '--concurrency', '5', '--lock-ms', '6000']);
    while (inFlight < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    victim.child.kill('SIGKILL');
    await victim.done;
    const client = await openRedis(parseQueueUrl(redis.url));
    try {
      // The dead worker's 3 leases are still held: nobody else may send until they expire.
      expect(await client.zcard(`fanout:job:leases:leases:${upstream.host}`)).toBe(3);
    } finally {
      client.disconnect();
    }

    const workers = [0, 1, 2].map(() => startCli(['worker', '--queue', redis.url, '--concurrency', '5', '--lock-ms', '2000']));
    const final = await until(() => jobStatus(redis.url, 'leases'), (s) => s.state === 'complete', 90_000);
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.done));

    expect(final).toMatchObject({ state: 'complete', results: 60, failed: 0 });
    // 4 workers x 5 in flight, yet never more than 3 at the upstream.
    expect(maxInFlight).toBe(3);
    expect(final.workers.filter((w) => w.done > 0).length).toBeGreaterThan(1);
  }, 120_000);
});
