import type { Readable } from 'node:stream';
import { LineTooLongError } from '../errors/line-too-long-error.js';

/** The longest line read (1 MiB, without its line end): a longer one is counted, never held. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** One non-blank, non-comment line of a text stream, trimmed, with its 1-based number. */
export interface NumberedLine {
  readonly line: number;
  /** The line, trimmed; `''` when it was over the cap. */
  readonly text: string;
  /** Set when the line was longer than the cap: its length in bytes (its text was not kept). */
  readonly overLong?: number;
}

/**
 * Splits a byte stream into numbered lines, chunk by chunk, in bounded memory: it holds at most
 * `maxLineBytes` of an unfinished line (plus the chunk being split). Only `\n` and `\r\n` end a
 * line: a lone `\r` inside a line stays in it. Blank lines and `#` comments are skipped but
 * counted, so `line` is the line number an editor shows. A line longer than `maxLineBytes` is
 * given as `{ line, text: '', overLong: bytes }`: its bytes are counted and dropped as they come.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  /** Bytes of the unfinished line so far, also those dropped once it went over the cap. */
  private length = 0;
  private line = 0;

  /**
   * @param maxLineBytes the longest line kept, in bytes.
   * @default MAX_LINE_BYTES (1 MiB)
   */
  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** Bytes of the unfinished line held now (never more than `maxLineBytes` + one chunk's rest). */
  get held(): number {
    let bytes = 0;
    for (const part of this.parts) bytes += part.length;
    return bytes;
  }

  /** The lines this chunk completes. */
  push(chunk: Buffer | string): NumberedLine[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const lines: NumberedLine[] = [];
    const first = bytes.indexOf(10);
    let from = 0;
    if (first !== -1) {
      this.finish(lines, bytes, 0, first);
      const last = bytes.lastIndexOf(10);
      from = first + 1;
      if (last - from <= this.maxLineBytes) {
        // No line between the first and last line end can be over the cap: decode them at once.
        if (last > from) for (const raw of bytes.toString('utf8', from, last).split('\n')) this.add(lines, raw);
        else if (last === from) this.add(lines, '');
        from = last + 1;
      } else {
        for (let end = bytes.indexOf(10, from); end !== -1; end = bytes.indexOf(10, from)) {
          this.finish(lines, bytes, from, end);
          from = end + 1;
        }
      }
    }
    const rest = bytes.length - from;
    this.length += rest;
    if (this.length > this.maxLineBytes) this.parts = [];
    else if (rest > 0) this.parts.push(bytes.subarray(from));
    return lines;
  }

  /** The last line, when the stream did not end with a line end. */
  end(): NumberedLine[] {
    const lines: NumberedLine[] = [];
    if (this.length > 0) this.finish(lines, Buffer.alloc(0), 0, 0);
    return lines;
  }

  private finish(lines: NumberedLine[], bytes: Buffer, from: number, to: number): void {
    const length = this.length + (to - from);
    const parts = this.parts;
    this.parts = [];
    this.length = 0;
    if (length > this.maxLineBytes) {
      lines.push({ line: ++this.line, text: '', overLong: length });
      return;
    }
    this.add(lines, parts.length === 0 ? bytes.toString('utf8', from, to) : Buffer.concat([...parts, bytes.subarray(from, to)]).toString('utf8'));
  }

  /** Numbers one whole line of at most the cap, and keeps it unless blank or a comment. */
  private add(lines: NumberedLine[], raw: string): void {
    const line = ++this.line;
    const text = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).trim();
    if (text !== '' && !text.startsWith('#')) lines.push({ line, text });
  }
}

/**
 * Reads a text stream lazily: the lines each chunk completes, as one array (a line read is then
 * one step of a loop, not one turn of async iteration). See {@link LineSplitter} for the rules
 * and the bound on memory.
 */
export async function* numberedLines(stream: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<NumberedLine[]> {
  const splitter = new LineSplitter(maxLineBytes);
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield lines;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

/**
 * Reads a text stream one line at a time, lazily, skipping blank lines and `#` comments, so
 * that a file of millions of URLs is never whole in memory. A line longer than `maxLineBytes`
 * (1 MiB by default) ends the iteration with a `LineTooLongError` (code `EBADINPUT`) instead of
 * filling the memory.
 *
 * @example
 * fanout(readLines(fs.createReadStream('urls.txt')), { concurrency: 32 })
 */
export async function* readLines(stream: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string> {
  for await (const lines of numberedLines(stream, maxLineBytes)) {
    for (const { line, text, overLong } of lines) {
      if (overLong !== undefined) throw new LineTooLongError(line, overLong, maxLineBytes);
      yield text;
    }
  }
}
