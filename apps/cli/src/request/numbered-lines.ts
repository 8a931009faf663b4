import type { Readable } from 'node:stream';

/** One non-blank, non-comment line of an input file, trimmed, with its 1-based number. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Reads a text stream lazily, one line at a time. Only `\n` and `\r\n` end a line: a lone `\r`
 * inside a line stays in it (Node's readline would split there). Blank lines and `#` comments
 * are skipped but counted, so `line` is the line number an editor shows.
 */
export async function* numberedLines(stream: Readable): AsyncGenerator<NumberedLine> {
  stream.setEncoding('utf8');
  let rest = '';
  let line = 0;
  const entry = (raw: string): NumberedLine | undefined => {
    line++;
    const text = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
    return text === '' || text.startsWith('#') ? undefined : { line, text };
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    let from = 0;
    let end = chunk.indexOf('\n');
    if (end === -1) {
      rest += chunk;
      continue;
    }
    let first = rest + chunk.slice(0, end);
    rest = '';
    for (;;) {
      const found = entry(first);
      if (found) yield found;
      from = end + 1;
      end = chunk.indexOf('\n', from);
      if (end === -1) break;
      first = chunk.slice(from, end);
    }
    rest = chunk.slice(from);
  }
  if (rest !== '') {
    const found = entry(rest);
    if (found) yield found;
  }
}
