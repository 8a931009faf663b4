import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { runCli } from './run-cli.js';

const server = useCountingServer();

describe('--journal with a line cut short by a kill', { timeout: 120_000 }, () => {
  it('drops the half line, fetches its input again, and leaves every line whole', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'fanout-journal-')), 'journal.ndjson');
    const urls = [0, 1, 2].map((i) => `${server.url}/item/${i}`);
    expect((await runCli([...urls, '--journal', journal, '--quiet'])).code).toBe(0);
    const whole = readFileSync(journal, 'utf8');
    const [header, ...lines] = whole.trimEnd().split('\n');
    // As if the run had been killed while writing input 2's line: only half of it is there.
    const cut = [header, ...lines.filter((l) => !l.startsWith('{"index":2,'))].join('\n') + '\n';
    const half = lines.find((l) => l.startsWith('{"index":2,')) as string;
    writeFileSync(journal, cut);
    appendFileSync(journal, half.slice(0, half.length >> 1));

    server.reset();
    const resumed = await runCli([...urls, '--journal', journal, '--output', 'ndjson']);
    expect(resumed.code).toBe(0);
    expect([...server.hits.keys()]).toEqual(['/item/2']);
    const after = readFileSync(journal, 'utf8').trimEnd().split('\n');
    expect(after).toHaveLength(4);
    for (const line of after) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
