import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

/** A body of its own per request, long enough to be read in pieces. */
function bodyOf(target: string): string {
  return `${target}:`.padEnd(3000, target.slice(1));
}

// Every response goes out in three writes a turn of the event loop apart, so that reads of many
// connections come in between the reads of one response (every connection reads into one
// buffer); odd ones gzip-encoded (decoded later, off the read).
const ctx = useRawServer((socket, request) => {
  const body = bodyOf(request.target);
  const gzip = Number(request.target.slice(1)) % 2 === 1;
  const bytes = gzip ? gzipSync(body) : Buffer.from(body);
  const head = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${bytes.length}\r\n${gzip ? 'Content-Encoding: gzip\r\n' : ''}\r\n`);
  const whole = Buffer.concat([head, bytes]);
  const third = Math.floor(whole.length / 3);
  socket.write(whole.subarray(0, third - 7)); // the head cut short
  setImmediate(() => {
    socket.write(whole.subarray(third - 7, 2 * third));
    setImmediate(() => socket.write(whole.subarray(2 * third)));
  });
});

describe('http1: responses read in pieces on many connections at once', () => {
  it('each come out whole, as sent', async () => {
    const targets = Array.from({ length: 200 }, (_, i) => `/${i}`);
    const results = await run(
      targets.map((target) => `${ctx.server.url}${target}`),
      http1({ connections: 32 }),
      { concurrency: 32 },
    );

    expect(results.map((result) => result.ok && result.data)).toEqual(targets.map(bodyOf));
  });
});
