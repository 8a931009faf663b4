// What every contender script shares with the harness: `node SCRIPT FILE CONCURRENCY` in, one
// JSON line of counts out (the last line on stdout, the one the harness reads).
import { readFileSync } from 'node:fs';

/** The URLs of FILE (one a line) and the concurrency, from the command line. */
export function scriptArgs(): { urls: string[]; concurrency: number } {
  const [file = '', concurrency = '64'] = process.argv.slice(2);
  return { urls: readFileSync(file, 'utf8').split('\n').filter(Boolean), concurrency: Number(concurrency) };
}

/** Prints how many requests came back ok (2xx, body parsed) and how many did not. */
export function printCounts(ok: number, total: number): void {
  process.stdout.write(`${JSON.stringify({ ok, failed: total - ok })}\n`);
}
