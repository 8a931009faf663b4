// `npm run bench:scale`: throughput of 1, 2 and 3 queue workers on loopback. Redis, the demo
// upstream and every worker are separate processes. Flags: --n N --latency MS --concurrency C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { enqueueJob, jobStatus, startRedisServer } from '@fanout/queue';
import { startUpstreamProcess } from './upstream-process.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '50' },
    transport: { type: 'string', default: 'undici' },
  },
});
const n = Number(values.n);
const CLI = fileURLToPath(new URL('../../apps/cli/bin/fanout.js', import.meta.url));
const redis = await startRedisServer();
const upstream = await startUpstreamProcess(Number(values.latency));
const rows = [];
for (const count of [1, 2, 3]) {
  const job = `bench-${count}`;
  const urls = Array.from({ length: n }, (_, i) => `${upstream.url}/posts/${(i % 100) + 1}`);
  // Everything queued before the workers start (they are what is timed): no backlog bound.
  await enqueueJob(redis.url, job, urls, { chunkSize: 500, maxWaiting: Number.MAX_SAFE_INTEGER });
  const started = performance.now();
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, [CLI, 'worker', '--queue', redis.url, '--concurrency', values.concurrency, '--transport', values.transport], { stdio: 'ignore' }),
  );
  for (;;) {
    const status = await jobStatus(redis.url, job);
    if (status.state === 'complete') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const wallMs = performance.now() - started;
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.once('exit', resolve), w.kill('SIGTERM')))));
  rows.push({ workers: count, wallMs, requestsPerSecond: (n * 1000) / wallMs });
}
await upstream.stop();
await redis.stop();
const base = rows[0]?.requestsPerSecond ?? 1;
process.stdout.write(`Scale-out: ${n} URLs, ${values.latency} ms latency, ${values.concurrency} in flight per worker (${values.transport}), chunks of 500\n`);
process.stdout.write(`${'workers'.padEnd(9)}${'wall ms'.padStart(10)}${'req/s'.padStart(9)}${'vs 1 worker'.padStart(13)}\n`);
for (const row of rows) {
  process.stdout.write(`${String(row.workers).padEnd(9)}${row.wallMs.toFixed(0).padStart(10)}${row.requestsPerSecond.toFixed(0).padStart(9)}${`${(row.requestsPerSecond / base).toFixed(2)}x`.padStart(13)}\n`);
}
