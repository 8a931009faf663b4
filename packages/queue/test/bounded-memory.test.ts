import { describe, expect, it } from 'vitest';
import { enqueueJob, followResults, jobResults, jobStatus, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';
import { sampleRedisMemory } from './redis-memory-sampler.js';

const INPUTS = 8000;
// Each result carries ~1 KB of data, so a job's results dwarf Redis's own footprint.
const BODY = JSON.stringify({ text: 'x'.repeat(1000) });

const q = useQueueFixture((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(BODY));

function* urls(): Generator<string> {
  for (let i = 0; i < INPUTS; i++) yield `${q.base}/item/${i}`;
}

/** Enqueues and runs a job with 2 workers (and a follower when `follow`); Redis's peak memory over the run. */
async function run(job: string, follow: boolean): Promise<{ peak: number; lines: string[] }> {
  const memory = sampleRedisMemory(q.redis);
  const workers = await Promise.all([0, 1].map(() => startWorker(q.url, { concurrency: 20 })));
  const enqueued = enqueueJob(q.url, job, urls(), { chunkSize: 200, maxWaiting: 4 });
  const lines: string[] = [];
  if (follow) {
    // The follower starts once the job exists, and returns once its last line is taken.
    while ((await q.redis.exists(`fanout:job:${job}:meta`)) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    for await (const line of followResults(q.url, job)) lines.push(line);
  }
  await enqueued;
  for (;;) {
    if ((await jobStatus(q.url, job)).state === 'complete') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.all(workers.map((w) => w.close()));
  return { peak: await memory.stop(), lines };
}

describe('Redis holds the backlog, not the job', () => {
  it('with a follower, 2 workers run a job in a fraction of the memory its stored results take', async () => {
    const idle = Number(/used_memory:(\d+)/.exec(await q.redis.info('memory'))?.[1]);
    const stored = await run('kept', false);
    let kept = 0;
    for await (const line of jobResults(q.url, 'kept')) if (line !== undefined) kept++;
    expect(kept).toBe(INPUTS);
    await q.redis.flushall();

    const followed = await run('followed', true);
    // Every input yields exactly one line, and the follower removed them all from Redis.
    expect(followed.lines).toHaveLength(INPUTS);
    expect(new Set(followed.lines.map((line) => (JSON.parse(line) as { index: number }).index)).size).toBe(INPUTS);
    expect(await q.redis.hlen('fanout:job:followed:results')).toBe(0);
    expect(await q.redis.xlen('fanout:job:followed:stored')).toBe(0);
    const status = await jobStatus(q.url, 'followed');
    expect(status).toMatchObject({ state: 'complete', results: INPUTS, followed: INPUTS, failed: 0 });
    // Finished jobs expire (7 days by default).
    expect(await q.redis.ttl('fanout:job:followed:meta')).toBeGreaterThan(604_000);

    // Kept: ~8 MB of results. Followed: at most maxWaiting × chunkSize results awaiting the
    // follower before enqueue holds back, plus the waiting and running chunks' (4 + 2) × 200:
    // 2,000 results, a quarter of the job, and the done bitmap.
    const keptGrowth = stored.peak - idle;
    const followedGrowth = followed.peak - idle;
    expect(keptGrowth).toBeGreaterThan(INPUTS * 1000);
    expect(followedGrowth).toBeLessThan(keptGrowth / 3);
  }, 180_000);
});
