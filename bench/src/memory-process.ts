// S3: N URLs streamed from a file through fanout; reports peak RSS and throughput.
// node memory-process.js BASE N CONCURRENCY TRANSPORT FILE
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createTransport, fanout, readLines, SummaryBuilder } from '@fanout/core';
import { lastValueFrom, tap } from 'rxjs';

const [base = '', n = '0', c = '100', transportName = 'axios', file = ''] = process.argv.slice(2);
const count = Number(n);
const concurrency = Number(c);

const out = createWriteStream(file);
for (let i = 0; i < count; i++) {
  if (!out.write(`${base}/posts/${(i % 100) + 1}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const transport = createTransport(transportName === 'undici' ? 'undici' : 'axios', { connections: concurrency });
const summary = new SummaryBuilder();
const started = performance.now();
await lastValueFrom(fanout(readLines(createReadStream(file)), { concurrency, transport }).pipe(tap((r) => summary.add(r))), { defaultValue: undefined });
const wallMs = performance.now() - started;
clearInterval(sampler);
await transport.close();
const result = summary.build(wallMs);
process.stdout.write(
  `${JSON.stringify({
    transport: transportName,
    n: count,
    ok: result.ok,
    failed: result.failed,
    wallMs,
    throughput: result.throughput,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakRssMb: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
  })}\n`,
);
process.exit(0);
