import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startCli } from './run-cli.js';

const SIZE = 300 * 1024 * 1024;
let server: Server;
let base = '';
/** What the server sent, hashed as it went out. */
const sent: { sha256?: string; bytes?: number } = {};

beforeAll(async () => {
  const chunk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < chunk.length; i += 64) createHash('sha512').update(String(i)).digest().copy(chunk, i); // not one repeated byte
  server = createServer((_req, res) => {
    const hash = createHash('sha256');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': SIZE });
    let left = SIZE;
    const pump = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        hash.update(piece);
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      sent.sha256 = hash.digest('hex');
      sent.bytes = SIZE;
      res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('--output-dir: a 300 MB download', () => {
  it('streams to disk in flat memory; the file, the line and the server agree on bytes and sha256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-download-'));
    // Reports the CLI process's peak RSS on exit.
    const hook = join(dir, 'max-rss.mjs');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\\n`));\n");
    const out = join(dir, 'out');
    const { done } = startCli([`${base}/big.bin`, '--output-dir', out, '--name', '{basename}', '--output', 'ndjson'], { nodeArgs: ['--import', hook] });
    const { code, stdout, stderr } = await done;
    expect(code, stderr).toBe(0);
    const [line] = ndjson(stdout);
    expect(line).toMatchObject({ ok: true, status: 200, file: join(out, 'big.bin'), bytes: SIZE, sha256: sent.sha256 });
    expect('data' in (line ?? {})).toBe(false);
    expect(await sha256Of(join(out, 'big.bin'))).toBe(sent.sha256);
    expect(readdirSync(out)).toEqual(['big.bin']); // the temporary file is gone
    const maxRssKb = Number(/max-rss-kb (\d+)/.exec(stderr)?.[1]);
    expect(maxRssKb).toBeGreaterThan(0);
    expect(maxRssKb * 1024).toBeLessThan(200 * 1024 * 1024);
  }, 180_000);
});
