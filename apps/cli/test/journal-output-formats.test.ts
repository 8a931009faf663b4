import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { runCli } from './run-cli.js';

const server = useCountingServer({ failFirst: (path) => path.endsWith('/1') || path.endsWith('/3') });

describe('--journal with --output json and text, and with --output-dir', { timeout: 120_000 }, () => {
  it('a resumed run keeps each input’s own index in every format, and the summary counts the skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-'));
    const journal = join(dir, 'journal.ndjson');
    const urls = [0, 1, 2, 3, 4].map((i) => `${server.url}/item/${i}`);
    const first = await runCli([...urls, '--journal', journal, '--retries', '0', '--output', 'text']);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/✖ #2 /);

    const second = await runCli([...urls, '--journal', journal, '--output', 'json']);
    expect(second.code).toBe(0);
    const document = JSON.parse(second.stdout) as { results: Array<{ index: number; ok: boolean }>; summary: { count: number; skipped: number } };
    expect(document.results.map((r) => [r.index, r.ok])).toEqual([[1, true], [3, true]]);
    expect(document.summary).toMatchObject({ count: 2, skipped: 3 });
  });

  it('files are named after the input’s own index when a resumed run skips some', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-'));
    const journal = join(dir, 'journal.ndjson');
    const out = join(dir, 'out');
    const urls = [0, 1, 2].map((i) => `${server.url}/again/${i}`);
    await runCli([...urls, '--journal', journal, '--output-dir', out, '--retries', '0', '--quiet']); // /again/1 fails once
    const second = await runCli([...urls, '--journal', journal, '--output-dir', out, '--output', 'ndjson']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ index: 1, ok: true, file: join(out, '1') });
  });
});
