import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';

/** `/trickle` sends 1 byte every 100 ms for ever; anything else a small body at once. */
const trickles = new Set<{ res: ServerResponse; timer: NodeJS.Timeout }>();
let base = '';
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  if (req.url !== '/trickle') return void res.end('whole body');
  const entry = { res, timer: setInterval(() => res.write('x'), 100) };
  trickles.add(entry);
  res.on('close', () => {
    clearInterval(entry.timer);
    trickles.delete(entry);
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  for (const { timer } of trickles) clearInterval(timer);
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('--speed-limit / --speed-time (spawned CLI)', { timeout: 60_000 }, () => {
  it('a download trickling 10 bytes/s fails with ELOWSPEED (its --timeout restarting per byte never fires); the other one is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-speed-'));
    const run = await runCli([`${base}/trickle`, `${base}/whole`, '--output-dir', dir, '--name', '{basename}', '--timeout', '3000', '--speed-limit', '1000', '--speed-time', '1', '--output', 'ndjson', '--no-progress']);
    expect(run.code).toBe(1);
    const lines = ndjson(run.stdout) as Array<{ url: string; ok: boolean; error?: { name: string; code: string } }>;
    const trickle = lines.find((l) => l.url.endsWith('/trickle'));
    expect(trickle).toMatchObject({ ok: false, error: { name: 'LowSpeedError', code: 'ELOWSPEED' } });
    expect(lines.find((l) => l.url.endsWith('/whole'))?.ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['whole']);
  });

  it.each([
    [['--speed-limit', 'abc'], "'abc'"],
    [['--speed-limit', '-5'], "'-5'"],
    [['--speed-time', '0'], "'0'"],
    [['--speed-time', '1.5'], "'1.5'"],
  ])('%j is a usage error that shows the value received', async (flags, shown) => {
    const run = await runCli([`${base}/whole`, '--output-dir', mkdtempSync(join(tmpdir(), 'fanout-speed-')), ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(shown);
    expect(run.stderr).toContain(flags[0]);
  });

  it('without --output-dir, --speed-limit is a usage error (a body in memory is bounded by --timeout)', async () => {
    const run = await runCli([`${base}/whole`, '--speed-limit', '100']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--speed-limit applies to --output-dir downloads');
  });
});
