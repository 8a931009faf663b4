import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { runCli } from './run-cli.js';

const server = useCountingServer();

describe('--journal of another input list', { timeout: 120_000 }, () => {
  it('is a usage error (exit 2) that names both lists, and nothing is fetched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-'));
    const journal = join(dir, 'journal.ndjson');
    const list = (n: number) => Array.from({ length: n }, (_, i) => `${server.url}/item/${i}`).join('\n');
    expect((await runCli(['--file', '-', '--journal', journal, '--quiet'], { stdin: list(3) })).code).toBe(0);

    server.reset();
    const other = await runCli(['--file', '-', '--journal', journal], { stdin: list(4) });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`fanout: --journal ${journal} was written for another input list (stdin (first 64 KiB)), not this one (stdin (first 64 KiB))`);
    expect(other.stderr).toContain('Run with the same inputs as before to resume, or give a new journal file.');
    expect(server.hits.size).toBe(0);
  });

  it('a file that is not a journal is refused, not overwritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-'));
    const notJournal = join(dir, 'notes.txt');
    writeFileSync(notJournal, 'my notes\n');
    const run = await runCli([`${server.url}/item/1`, '--journal', notJournal]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--journal ${notJournal} is not a fanout journal`);
  });
});
