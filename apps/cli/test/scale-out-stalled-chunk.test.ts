import { jobStatus } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useHttpServer } from './http-server.js';
import { useRedisServer } from './redis-server.js';
import { until } from './queue-until.js';
import { ndjson, runCli, startCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const INPUTS = 3;
/** BullMQ fails a chunk found stalled more than this many times (the worker's maxStalledCount). */
const STALLS_ALLOWED = 5;

let requests = 0;
const redis = useRedisServer();
// Never answers: whichever worker holds the chunk holds it until it is killed.
const upstream = useHttpServer(() => void requests++);

describe('a chunk whose workers are SIGKILLed more often than BullMQ allows stalls', () => {
  it('its inputs get a failed line each (ECHUNKFAILED) and the job ends, instead of waiting forever', async () => {
    const file = tmpFile('urls.txt', `${Array.from({ length: INPUTS }, (_, i) => `http://${upstream.host}/r/${i}`).join('\n')}\n`);
    expect((await runCli(['enqueue', '--queue', redis.url, '--job', 'stalls', '--file', file, '--chunk-size', String(INPUTS), '--timeout', '600000'])).code).toBe(0);
    const args = ['worker', '--queue', redis.url, '--concurrency', String(INPUTS), '--lock-ms', '1000'];
    for (let kill = 0; kill <= STALLS_ALLOWED; kill++) {
      const victim = startCli(args);
      // It holds the chunk (its requests reached the upstream): kill it there.
      await until(async () => requests, (n) => n >= (kill + 1) * INPUTS, 60_000);
      expect(requests).toBe((kill + 1) * INPUTS);
      victim.child.kill('SIGKILL');
      await victim.done;
    }
    const last = startCli(args);
    const final = await until(() => jobStatus(redis.url, 'stalls'), (s) => s.state === 'complete', 60_000);
    last.child.kill('SIGTERM');
    const { stderr } = await last.done;

    expect(final).toMatchObject({ state: 'complete', results: INPUTS, failed: INPUTS });
    const lines = ndjson((await runCli(['results', '--queue', redis.url, '--job', 'stalls'])).stdout);
    expect(lines.map((line) => line.index)).toEqual([0, 1, 2]);
    for (const line of lines) expect(line).toMatchObject({ ok: false, error: { code: 'ECHUNKFAILED' } });
    expect(stderr).toContain('stalled');
    expect(lines[0]).toMatchObject({ error: { message: expect.stringContaining('its chunk stalled 6 times') } });
    // The last worker sent nothing: the chunk failed as it was taken.
    expect(requests).toBe((STALLS_ALLOWED + 1) * INPUTS);
  }, 180_000);
});
