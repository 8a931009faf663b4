import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fanout, SummaryBuilder, type FanoutOptions } from '@fanout/core';
import { lastValueFrom, tap } from 'rxjs';

/**
 * `concurrency: 'auto'` against fixed levels, on a server with a capacity knee (its own
 * process): `node bench/dist/auto-concurrency.js [CAPACITY=16] [LATENCY=50] [REQUESTS=2000]`.
 * Per contender: throughput, p95, requests shed (429s counted at the server) and the most in
 * flight the server saw; for auto the limit it ended at. Prints a Markdown table.
 */
const [capacity = 16, latency = 50, requests = 2000] = process.argv.slice(2).map(Number);
const script = fileURLToPath(new URL('./knee-server-process.js', import.meta.url));
const child = spawn(process.execPath, [script, String(capacity), String(latency), String(capacity * 3)], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const urls = Array.from({ length: requests }, (_, i) => `${url}/item/${i}`);

interface Row {
  contender: string;
  throughput: number;
  p95: number;
  shed: number;
  maxInFlight: number;
  limit?: number;
}

async function measure(contender: string, concurrency: FanoutOptions['concurrency']): Promise<Row> {
  await fetch(`${url}/__stats`);
  const builder = new SummaryBuilder();
  let limit: number | undefined;
  const started = performance.now();
  await lastValueFrom(
    fanout(urls, { concurrency, retry: 0 }).pipe(
      tap((result) => {
        builder.add(result);
        limit = result.concurrencyLimit ?? limit;
      }),
    ),
  );
  const summary = builder.build(performance.now() - started);
  const stats = (await (await fetch(`${url}/__stats`)).json()) as { shed: number; maxInFlight: number };
  return { contender, throughput: summary.throughput, p95: summary.latency.p95, shed: stats.shed, maxInFlight: stats.maxInFlight, limit };
}

const rows: Row[] = [];
await measure('warm-up', 16);
for (const level of [1, 2, 4, 8, 16, 32, 64, 128]) rows.push(await measure(`fixed ${level}`, level));
rows.push(await measure('auto', 'auto'));
child.kill('SIGTERM');

const best = rows.filter((row) => row.contender !== 'auto' && row.shed === 0).reduce((a, b) => (b.throughput > a.throughput ? b : a));
process.stdout.write(`Server: serves ${capacity} at once in ${latency} ms, queues ${capacity * 3} more, sheds the rest (429). ${requests} requests per contender, retries off.\n\n`);
process.stdout.write('| contender | throughput (req/s) | vs best fixed without sheds | p95 ms | shed (429) | max in flight at server | limit at end |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n');
for (const row of rows) {
  const share = `${((row.throughput / best.throughput) * 100).toFixed(0)} %`;
  process.stdout.write(`| ${row.contender} | ${row.throughput.toFixed(1)} | ${share} | ${row.p95.toFixed(1)} | ${row.shed} (${((row.shed / requests) * 100).toFixed(1)} %) | ${row.maxInFlight} | ${row.limit ?? ''} |\n`);
}
