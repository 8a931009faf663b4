import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors/usage-error.js';

/**
 * Reads `stream` whole as UTF-8, but never more than `maxBytes`: past it the stream is left
 * unread and a `UsageError` naming `what` is thrown, so memory stays bounded whatever the
 * source sends (an endless `yes |`, a file that grew after it was checked).
 */
export async function readCapped(stream: Readable, maxBytes: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new UsageError(`cannot read ${what} (over the ${maxBytes} bytes it may have)`, 'Give a smaller body.');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `readCapped` on a file. */
export function readFileCapped(path: string, maxBytes: number, what: string): Promise<string> {
  return readCapped(createReadStream(path), maxBytes, what);
}
