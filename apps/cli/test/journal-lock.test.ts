import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCountingServer } from './counting-server.js';
import { runCli, startCli } from './run-cli.js';

/** The documented machine tag in a lock: 8 hex digits of sha256(hostname). */
const tag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const server = useCountingServer();

describe('--journal: one run at a time per journal', { timeout: 120_000 }, () => {
  it('a second run on a journal in use is a usage error (exit 2, one line and a hint); after kill -9 the stale lock is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-lock-'));
    const journal = join(dir, 'journal.ndjson');
    // The first run waits on an upstream that does not answer its first request: it holds the journal until killed.
    let requests = 0;
    const held = createServer((_req, res) => {
      if (++requests > 1) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const urls = join(dir, 'urls.txt');
    writeFileSync(urls, `http://127.0.0.1:${(held.address() as AddressInfo).port}/item/1\n`);
    const args = ['--file', urls, '--journal', journal, '--output', 'ndjson'];
    const first = startCli(args);
    await expect.poll(() => existsSync(`${journal}.lock`) && readFileSync(`${journal}.lock`, 'utf8') === `${first.child.pid} ${tag}\n`, { timeout: 30_000, interval: 20 }).toBe(true);

    const second = await runCli(args);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(`fanout: --journal ${journal} is in use by another fanout run (pid ${first.child.pid})\nWait for it to end, or remove ${journal}.lock if no fanout is running.\n`);

    first.child.kill('SIGKILL');
    await first.done;
    expect(existsSync(`${journal}.lock`)).toBe(true); // left by the kill

    const third = await runCli(args);
    held.closeAllConnections();
    held.close();
    expect(third.stderr).not.toContain('in use');
    expect(third.code).toBe(0);
    expect(existsSync(`${journal}.lock`)).toBe(false); // released at the end
  });

  it('a lock file of a pid that no longer runs, or an empty one, is stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-lock-'));
    const journal = join(dir, 'journal.ndjson');
    for (const content of ['2147483646\n', '']) {
      writeFileSync(`${journal}.lock`, content);
      const run = await runCli([`${server.url}/item/3`, '--journal', journal, '--quiet']);
      expect(run.code).toBe(0);
      expect(existsSync(`${journal}.lock`)).toBe(false);
    }
  });

  it("another machine's lock (a shared disk) is never taken as stale: its pid cannot be checked here", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-lock-'));
    const journal = join(dir, 'journal.ndjson');
    const other = tag === '00000000' ? '11111111' : '00000000';
    writeFileSync(`${journal}.lock`, `2147483646 ${other}\n`);
    const run = await runCli([`${server.url}/item/5`, '--journal', journal]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`fanout: --journal ${journal} is in use by another fanout run (pid 2147483646 on another machine)\nWait for it to end, or remove ${journal}.lock if no fanout is running.\n`);
    expect(readFileSync(`${journal}.lock`, 'utf8')).toBe(`2147483646 ${other}\n`);
  });

  it('a journal that is no regular file (/dev/full, a directory) is a usage error, and no lock is made next to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-journal-lock-'));
    for (const journal of ['/dev/full', dir]) {
      const run = await runCli([`${server.url}/item/4`, '--journal', journal]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^fanout: cannot use --journal ${journal} \\((a device|a directory)\\)\\n`));
      expect(existsSync(`${journal}.lock`)).toBe(false);
    }
  });
});
