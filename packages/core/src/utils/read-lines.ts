import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Reads a text stream one line at a time, lazily, skipping blank lines and `#` comments, so
 * that a file of millions of URLs is never whole in memory.
 *
 * @example
 * fanout(readLines(fs.createReadStream('urls.txt')), { concurrency: 32 })
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const trimmed = line.trim();
      if (trimmed !== '' && !trimmed.startsWith('#')) yield trimmed;
    }
  } finally {
    lines.close();
  }
}
