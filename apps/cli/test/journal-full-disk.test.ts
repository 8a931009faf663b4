import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { fanoutCommand, sh } from './shell.js';

/** bash's ulimit -f counts 1024-byte blocks (dash's counts 512). */
const bash = (command: string) => sh(`exec bash -c '${command}'`);

const server = useCountingServer();

describe('--journal on a disk that fills up midway: a clear error, never a half line', { timeout: 120_000 }, () => {
  it('the file size limit (ulimit -f 8: short write, then EFBIG) cuts the journal back to its last whole line; nothing printed is missing from it; exit 74', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-full-'));
    const urls = join(dir, 'urls.txt');
    const journal = join(dir, 'journal.ndjson');
    writeFileSync(urls, Array.from({ length: 400 }, (_, i) => `${server.url}/item/${i}`).join('\n'));
    const { code, stdout, stderr } = await bash(`ulimit -f 8; exec ${fanoutCommand(`--file ${urls} --journal ${journal} --output ndjson --concurrency 4`)}`);
    expect(code).toBe(74);
    expect(stderr).toContain(`fanout: cannot write the journal ${journal}: the file size limit was reached (EFBIG)`);
    expect(stderr).not.toMatch(/\n\s+at /);
    const text = readFileSync(journal, 'utf8');
    expect(statSync(journal).size).toBeLessThanOrEqual(8 * 1024);
    expect(text.endsWith('\n')).toBe(true);
    const journalled = new Set(text.trimEnd().split('\n').slice(1).map((line) => (JSON.parse(line) as { index: number }).index));
    const printed = stdout.trimEnd().split('\n').filter((l) => l !== '').map((line) => (JSON.parse(line) as { index: number }).index);
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.filter((index) => !journalled.has(index))).toEqual([]);
  });
});
