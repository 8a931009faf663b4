import { describe, expect, it } from 'vitest';
import { parse } from './parse-bytes.js';
import { seededRandom } from './seeded-random.js';


const SEEDS = [
  'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n3\r\nabc\r\n0\r\nT: 1\r\n\r\n',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 204 No Content\r\nConnection: keep-alive\r\nKeep-Alive: timeout=3\r\n\r\n',
  'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n',
];
/** Bytes a mutation puts in: the ones the grammar cares about, and any. */
const INTERESTING = [13, 10, 32, 9, 58, 59, 48, 49, 102, 0, 127, 255];

function mutate(text: string, next: () => number): Buffer {
  const bytes = [...Buffer.from(text, 'latin1')];
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (bytes.length + 1));
    const byte = next() < 0.7 ? (INTERESTING[Math.floor(next() * INTERESTING.length)] as number) : Math.floor(next() * 256);
    const kind = next();
    if (kind < 0.4) bytes[at] = byte;
    else if (kind < 0.7) bytes.splice(at, 0, byte);
    else if (kind < 0.9) bytes.splice(at, 1);
    else bytes.length = at;
  }
  return Buffer.from(bytes);
}

describe('response parser: mutated responses', () => {
  it('never throw anything but a coded NetworkError, never end twice, never give a body past the bytes received', () => {
    const next = seededRandom(13);
    for (let n = 0; n < 10_000; n++) {
      const seed = SEEDS[n % SEEDS.length] as string;
      const bytes = mutate(seed, next);
      const cut = Math.floor(next() * (bytes.length + 1));
      const pieces = [bytes.subarray(0, cut), bytes.subarray(cut)];
      // `parse` re-throws anything that is not a NetworkError with a code: that fails the test.
      const parsed = parse(pieces, { head: n % 7 === 0, close: n % 3 === 0 });
      expect(parsed.ended, JSON.stringify(bytes.toString('latin1'))).toBeLessThanOrEqual(1);
      expect(parsed.body.length).toBeLessThanOrEqual(bytes.length);
      if (parsed.error !== undefined) expect(['EPROTO', 'EHEADERSOVERFLOW']).toContain(parsed.error);
    }
  });
});
