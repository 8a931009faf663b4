import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { runCli } from './run-cli.js';

const server = useCountingServer();

/** A journal of a finished run of three inputs, and the lines it has (header first). */
async function finishedJournal(): Promise<{ journal: string; urls: string[]; lines: string[] }> {
  const journal = join(mkdtempSync(join(tmpdir(), 'fanout-journal-records-')), 'journal.ndjson');
  const urls = [0, 1, 2].map((i) => `${server.url}/item/${i}`);
  expect((await runCli([...urls, '--journal', journal, '--quiet'])).code).toBe(0);
  return { journal, urls, lines: readFileSync(journal, 'utf8').trimEnd().split('\n') };
}

describe('--journal: only a whole, well-formed record counts', { timeout: 120_000 }, () => {
  it('a last line cut right after an inner } is not taken for input 2: input 2 is fetched again', async () => {
    const { journal, urls, lines } = await finishedJournal();
    const [header, ...records] = lines;
    const last = records.find((l) => l.startsWith('{"index":2,')) as string;
    expect(last.endsWith('}}')).toBe(true); // data {"n":2} closes just before the record does
    const others = records.filter((l) => l !== last);
    writeFileSync(journal, [header, ...others].join('\n') + '\n' + last.slice(0, -1)); // cut after the inner }
    server.reset();
    const resumed = await runCli([...urls, '--journal', journal, '--output', 'ndjson']);
    expect(resumed.code).toBe(0);
    expect([...server.hits.keys()]).toEqual(['/item/2']);
    expect(resumed.stderr).toMatch(/skipped +2 \(already ok in the journal\)/);
    const after = readFileSync(journal, 'utf8');
    expect(after.endsWith('\n')).toBe(true);
    for (const line of after.trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('whole lines that are no record, or name an index past the inputs, are ignored (no crash, nothing skipped for them)', async () => {
    const { journal, urls, lines } = await finishedJournal();
    const [header] = lines;
    writeFileSync(journal, `${header}\n`);
    appendFileSync(
      journal,
      [
        '{"index":1000000000000000,"url":"x","ok":true}',
        '{"index":-1,"url":"x","ok":true}',
        '{"index":0.5,"url":"x","ok":true}',
        '{"index":1,"url":"x","ok":"true"}',
        '{"index":1,"ok":true}',
        '[1,2]',
        '{"index":2,"url":"x","ok":true,"data":{"a":"}"}', // not JSON: a } missing, though it ends with }
        '{"index":0,"url":"x","ok":true}',
      ].join('\n') + '\n',
    );
    server.reset();
    const resumed = await runCli([...urls, '--journal', journal, '--output', 'ndjson']);
    expect(resumed.stderr).not.toMatch(/RangeError|Invalid typed array|\n\s+at /);
    expect(resumed.code).toBe(0);
    expect([...server.hits.keys()].sort()).toEqual(['/item/1', '/item/2']);
    expect(resumed.stderr).toMatch(/skipped +1 \(already ok in the journal\)/);
  });
});
