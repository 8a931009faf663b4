import type { Readable } from 'node:stream';

/** One non-blank, non-comment line of an input file, trimmed, with its 1-based number. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Reads a text stream lazily: the lines each chunk completes, as one array (a line read is then
 * one step of a loop, not one turn of async iteration). Only `\n` and `\r\n` end a line: a lone
 * `\r` inside a line stays in it (Node's readline would split there). Blank lines and `#`
 * comments are skipped but counted, so `line` is the line number an editor shows.
 */
export async function* numberedLines(stream: Readable): AsyncGenerator<NumberedLine[]> {
  stream.setEncoding('utf8');
  let rest = '';
  let line = 0;
  const add = (lines: NumberedLine[], raw: string): void => {
    line++;
    const text = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
    if (text !== '' && !text.startsWith('#')) lines.push({ line, text });
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let end = chunk.indexOf('\n');
    if (end === -1) {
      rest += chunk;
      continue;
    }
    const lines: NumberedLine[] = [];
    add(lines, rest + chunk.slice(0, end));
    let from = end + 1;
    for (end = chunk.indexOf('\n', from); end !== -1; end = chunk.indexOf('\n', from)) {
      add(lines, chunk.slice(from, end));
      from = end + 1;
    }
    rest = chunk.slice(from);
    if (lines.length > 0) yield lines;
  }
  if (rest !== '') {
    const lines: NumberedLine[] = [];
    add(lines, rest);
    if (lines.length > 0) yield lines;
  }
}
