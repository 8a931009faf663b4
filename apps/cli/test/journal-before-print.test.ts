import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { startCli } from './run-cli.js';

const COUNT = 3000;
const server = useCountingServer({ delayMs: 1 });

/** The indexes of the whole ok lines of NDJSON text (a journal's header and a cut last line skipped). */
function okIndexes(text: string): number[] {
  const indexes: number[] = [];
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as { index?: number; ok?: boolean };
      if (record.ok === true && typeof record.index === 'number') indexes.push(record.index);
    } catch {
      // not a whole line
    }
  }
  return indexes;
}

describe('--journal: what was printed is in the journal, even after kill -9', { timeout: 180_000 }, () => {
  it('every result printed before the kill is journalled; the resume prints and fetches none of them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-order-'));
    const urls = join(dir, 'urls.txt');
    const journal = join(dir, 'journal.ndjson');
    writeFileSync(urls, Array.from({ length: COUNT }, (_, i) => `${server.url}/item/${i}`).join('\n'));
    const args = ['--file', urls, '--journal', journal, '--output', 'ndjson', '--concurrency', '16', '--retries', '0', '--quiet'];

    const first = startCli(args);
    let printed = 0;
    first.child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString().split('\n').length - 1));
    await expect.poll(() => printed, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(300);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const printedFirst = okIndexes(killed.stdout);
    expect(printedFirst.length).toBeGreaterThanOrEqual(300);
    const journalled = new Set(okIndexes(readFileSync(journal, 'utf8')));
    const missing = printedFirst.filter((index) => !journalled.has(index));
    expect(missing, `${missing.length} results printed before the kill are not in the journal`).toEqual([]);

    server.reset();
    const second = startCli(args);
    const resumed = await second.done;
    expect(resumed.code).toBe(0);
    const printedSecond = okIndexes(resumed.stdout);
    const twice = printedSecond.filter((index) => printedFirst.includes(index));
    expect(twice, 'printed by both runs').toEqual([]);
    const fetchedAgain = [...server.hits.keys()].map((path) => Number(path.split('/').pop())).filter((index) => printedFirst.includes(index));
    expect(fetchedAgain, 'fetched by both runs').toEqual([]);
    expect(new Set([...printedFirst, ...printedSecond]).size).toBeLessThanOrEqual(COUNT);
    expect(new Set(okIndexes(readFileSync(journal, 'utf8'))).size).toBe(COUNT);
  });
});
