import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { numberedLines, type NumberedLine } from '../src/inputs/numbered-lines.js';

async function read(chunks: ReadonlyArray<string | Buffer>): Promise<{ lines: NumberedLine[]; batches: number }> {
  const lines: NumberedLine[] = [];
  let batches = 0;
  for await (const batch of numberedLines(Readable.from(chunks.map((chunk) => Buffer.from(chunk)), { objectMode: false }))) {
    expect(batch.length).toBeGreaterThan(0);
    batches++;
    lines.push(...batch);
  }
  return { lines, batches };
}

/** What an editor shows: lines split at \n, a CR before it dropped, blanks and # comments skipped. */
function expected(text: string): NumberedLine[] {
  return text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, text: raw.replace(/\r$/, '').trim() }))
    .filter(({ text: t }) => t !== '' && !t.startsWith('#'));
}

describe('numberedLines: the lines each chunk completes, numbered as an editor shows them', () => {
  const text = [
    'http://127.0.0.1/a',
    '',
    '# a comment',
    '  http://127.0.0.1/b  ',
    'http://127.0.0.1/c\r',
    'http://127.0.0.1/d\rstill-d',
    '\r',
    'http://127.0.0.1/é',
    'http://127.0.0.1/last-without-newline',
  ].join('\n');

  it('gives the same lines wherever the chunks split the text (inside a line, between CR and LF, inside a UTF-8 character)', async () => {
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const { lines } = await read([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(lines, `cut at byte ${cut}`).toEqual(expected(text));
    }
  });

  it('yields one batch per chunk that completes lines, none for a chunk inside a line', async () => {
    const { lines, batches } = await read(['http://127.0.0.1/a\nhttp://127.0.0.1/b\nhttp://12', '7.0.0.1/c', '\n# only a comment\n', 'http://127.0.0.1/d']);
    expect(lines).toEqual([
      { line: 1, text: 'http://127.0.0.1/a' },
      { line: 2, text: 'http://127.0.0.1/b' },
      { line: 3, text: 'http://127.0.0.1/c' },
      { line: 5, text: 'http://127.0.0.1/d' },
    ]);
    expect(batches).toBe(3);
  });
});
