import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { ndjson, runCli, startCli } from './run-cli.js';

const COUNT = 1500;
// Every 9th input fails once with a 500: the journal records it failed, and a resume fetches it again.
const server = useCountingServer({ delayMs: 2, failFirst: (path) => Number(path.split('/').pop()) % 9 === 0 });

/** index → how many ok lines the journal holds for it, and its failed-only indexes. */
function readJournal(file: string): { ok: Map<number, number>; lines: number } {
  const ok = new Map<number, number>();
  if (!existsSync(file)) return { ok, lines: 0 };
  const lines = readFileSync(file, 'utf8').split('\n');
  let count = 0;
  for (const [at, line] of lines.entries()) {
    if (at === 0 || line === '') continue;
    let parsed: { index: number; ok: boolean };
    try {
      parsed = JSON.parse(line) as { index: number; ok: boolean };
    } catch {
      continue; // a line cut short by the kill: the next run truncates it
    }
    count++;
    if (parsed.ok) ok.set(parsed.index, (ok.get(parsed.index) ?? 0) + 1);
  }
  return { ok, lines: count };
}

const indexOf = (path: string) => Number(path.split('/').pop());

describe('--journal: SIGKILL at several points, then resume', () => {
  it('every input ends with exactly one ok journal line, and no journalled input is fetched again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-'));
    const urls = join(dir, 'urls.txt');
    const journal = join(dir, 'journal.ndjson');
    writeFileSync(urls, Array.from({ length: COUNT }, (_, i) => `${server.url}/item/${i}`).join('\n'));
    const args = ['--file', urls, '--journal', journal, '--output', 'ndjson', '--retries', '0', '--concurrency', '8', '--quiet'];

    let kills = 0;
    for (let run = 0; run < 8; run++) {
      const before = readJournal(journal).ok;
      server.reset();
      const killAt = kills < 4 ? before.size + 100 + Math.floor(Math.random() * 200) : Infinity;
      const { child, done } = startCli(args);
      let finished = false;
      void done.then(() => (finished = true));
      if (Number.isFinite(killAt)) {
        // Kill once the journal (not stdout) holds killAt ok lines, or the run ends first.
        await expect.poll(() => finished || readJournal(journal).ok.size >= killAt, { timeout: 60_000, interval: 20 }).toBe(true);
        if (!finished) {
          child.kill('SIGKILL');
          kills++;
        }
      }
      const result = await done;
      for (const path of server.hits.keys()) expect(before.has(indexOf(path)), `input ${path} was fetched again after it was journalled ok`).toBe(false);
      if (result.code !== null) {
        expect(result.code).toBeLessThanOrEqual(1);
        if (result.code === 0) break;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const { ok } = readJournal(journal);
    expect(ok.size).toBe(COUNT);
    expect([...ok.values()].every((n) => n === 1)).toBe(true);

    // Once everything is ok, the same command fetches nothing and prints nothing.
    server.reset();
    const last = await runCli(args.filter((a) => a !== '--quiet'));
    expect(last.code).toBe(0);
    expect(last.stdout).toBe('');
    expect(server.hits.size).toBe(0);
    expect(last.stderr).toMatch(new RegExp(`skipped +${COUNT} \\(already ok in the journal\\)`));
  }, 240_000);

  it('resumes from stdin with --ordered: failed inputs are fetched again, ok ones skipped and counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-'));
    const journal = join(dir, 'journal.ndjson');
    const stdin = Array.from({ length: 30 }, (_, i) => `${server.url}/again/${i}`).join('\n');
    const args = ['--file', '-', '--journal', journal, '--output', 'ndjson', '--ordered', '--retries', '0'];
    server.reset();
    const first = await runCli(args, { stdin });
    expect(first.code).toBe(1); // /again/0, 9, 18, 27 failed once
    expect(ndjson(first.stdout).filter((l) => !l.ok).map((l) => l.index)).toEqual([0, 9, 18, 27]);

    server.reset();
    const second = await runCli(args, { stdin });
    expect(second.code).toBe(0);
    expect(ndjson(second.stdout).map((l) => [l.index, l.ok])).toEqual([[0, true], [9, true], [18, true], [27, true]]);
    expect([...server.hits.keys()].map(indexOf).sort((a, b) => a - b)).toEqual([0, 9, 18, 27]);
    expect(second.stderr).toMatch(/skipped +26 \(already ok in the journal\)/);
  }, 120_000);
});
