import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { runCli } from './run-cli.js';

const server = useCountingServer();

// MAX_JOURNAL_LINE_BYTES (64 MiB): longer than any record fanout writes.
const PLANTED_BYTES = 65 * 1024 * 1024;

/** Appends one line of `{"index":N,"url":"x","ok":true,"data":"aaa…"}` of about `bytes` bytes, written in pieces. */
async function appendHugeRecord(path: string, index: number, bytes: number): Promise<void> {
  const out = createWriteStream(path, { flags: 'a' });
  out.write(`{"index":${index},"url":"x","ok":true,"data":"`);
  const piece = 'a'.repeat(1024 * 1024);
  for (let written = 0; written < bytes; written += piece.length) if (!out.write(piece)) await once(out, 'drain');
  out.end('"}\n');
  await once(out, 'finish');
}

describe('--journal: a line longer than any record fanout writes', { timeout: 120_000 }, () => {
  it('is counted past, never held: its input is fetched again and the rest resume as usual', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'fanout-journal-long-line-')), 'journal.ndjson');
    const urls = [0, 1, 2].map((i) => `${server.url}/item/${i}`);
    expect((await runCli([...urls, '--journal', journal, '--quiet'])).code).toBe(0);
    const [header, ...records] = readFileSync(journal, 'utf8').trimEnd().split('\n');
    writeFileSync(journal, [header, ...records.filter((line) => !line.startsWith('{"index":1,'))].join('\n') + '\n');
    await appendHugeRecord(journal, 1, PLANTED_BYTES);
    server.reset();
    const resumed = await runCli([...urls, '--journal', journal, '--output', 'ndjson']);
    expect(resumed.stderr).not.toMatch(/Invalid string length|\n\s+at /);
    expect(resumed.code).toBe(0);
    expect([...server.hits.keys()]).toEqual(['/item/1']);
    expect(resumed.stderr).toMatch(/skipped +2 \(already ok in the journal\)/);
  });
});
