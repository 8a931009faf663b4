import { Readable } from 'node:stream';
import { LineSplitter, readLines } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { numberedLines } from '../src/inputs/numbered-lines.js';
import { startCountingServer } from './counting-server.js';
import { ndjson, runCli } from './run-cli.js';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

describe('an input line over 1 MiB fails alone, in flat memory', { timeout: 120_000 }, () => {
  it('50 MB without a newline: the splitter never holds more than the cap and a chunk, and the next line is read', () => {
    const splitter = new LineSplitter();
    const chunk = Buffer.alloc(CHUNK, 'a');
    let most = 0;
    for (let fed = 0; fed < 50 * MiB; fed += CHUNK) {
      expect(splitter.push(chunk)).toEqual([]);
      most = Math.max(most, splitter.held);
    }
    expect(most).toBeLessThanOrEqual(MiB + CHUNK);
    expect(splitter.held).toBe(0); // over the cap: nothing of it is kept
    expect(splitter.push('\nhttp://127.0.0.1/next\n')).toEqual([
      { line: 1, text: '', overLong: 50 * MiB },
      { line: 2, text: 'http://127.0.0.1/next' },
    ]);
  });

  it('a line of exactly 1 MiB is read; one byte more is over', async () => {
    const read = async (bytes: number) => {
      const lines = [];
      for await (const batch of numberedLines(Readable.from([Buffer.alloc(bytes, 'b'), Buffer.from('\n')], { objectMode: false }))) lines.push(...batch);
      return lines.map((l) => (l.overLong === undefined ? { text: l.text.length } : { overLong: l.overLong }));
    };
    expect(await read(MiB)).toEqual([{ text: MiB }]);
    expect(await read(MiB + 1)).toEqual([{ overLong: MiB + 1 }]);
  });

  it('readLines (library): a line over the cap is a LineTooLongError (EBADINPUT), not an out-of-memory', async () => {
    const lines: string[] = [];
    const stream = Readable.from([Buffer.from('http://a/1\n'), Buffer.alloc(2 * MiB, 'x'), Buffer.from('\nhttp://a/3\n')], { objectMode: false });
    await expect(
      (async () => {
        for await (const line of readLines(stream)) lines.push(line);
      })(),
    ).rejects.toMatchObject({ name: 'LineTooLongError', code: 'EBADINPUT', line: 2, bytes: 2 * MiB });
    expect(lines).toEqual(['http://a/1']);
  });

  it('fanout --file -: the long line is one failed result (EBADINPUT, its line number), the lines around it run', async () => {
    const server = await startCountingServer();
    try {
      const stdin = `${server.url}/item/1\n${'x'.repeat(3 * MiB)}\n${server.url}/item/3\n`;
      const { code, stdout, stderr } = await runCli(['--file', '-', '--output', 'ndjson', '--ordered'], { stdin });
      expect(stderr).not.toMatch(/Invalid string length|\n\s+at /);
      expect(code).toBe(1);
      const lines = ndjson(stdout);
      expect(lines.map((l) => [l.index, l.ok])).toEqual([
        [0, true],
        [1, false],
        [2, true],
      ]);
      expect(lines[1]?.error).toMatchObject({ name: 'InputLineError', code: 'EBADINPUT' });
      expect(String((lines[1]?.error as { message: string }).message)).toBe('line 2 of stdin: 3145728 bytes, over the 1048576 bytes (1 MiB) a line may have: not read');
      expect([...server.hits.keys()].sort()).toEqual(['/item/1', '/item/3']);
    } finally {
      await server.close();
    }
  });
});
