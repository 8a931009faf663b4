import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

const SIZE = 1 << 20;
/** 1 MiB of text, every byte known. */
const BODY = Buffer.from(Array.from({ length: SIZE }, (_, i) => 97 + ((i * 7 + (i >> 10)) % 26)));

/** BODY in chunks of 1 to 17 bytes, every fifth with an extension. */
function chunked(): Buffer {
  const parts: string[] = [];
  for (let at = 0, n = 0; at < SIZE; n++) {
    const size = Math.min((n % 17) + 1, SIZE - at);
    parts.push(`${size.toString(16)}${n % 5 === 0 ? ';n=1' : ''}\r\n${BODY.toString('latin1', at, at + size)}\r\n`);
    at += size;
  }
  parts.push('0\r\n\r\n');
  return Buffer.from(parts.join(''), 'latin1');
}

const WIRE = chunked();
const ctx = useRawServer((socket, request) => {
  if (request.target === '/big') socket.write(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n'), WIRE]));
  else socket.write(response('after'));
});

describe('http1: a 1 MiB chunked body in chunks of 1 to 17 bytes', () => {
  it('arrives whole and in order, and the connection carries the next request', async () => {
    const { url } = ctx.server;
    const results = await run([`${url}/big`, `${url}/next`], http1(), { concurrency: 1, maxBodyBytes: 2 * SIZE });

    const [big, next] = results;
    expect(big?.ok).toBe(true);
    const text = big?.ok ? (big.data as string) : '';
    expect(text.length).toBe(SIZE);
    expect(createHash('sha256').update(text, 'latin1').digest('hex')).toBe(createHash('sha256').update(BODY).digest('hex'));
    expect(next).toMatchObject({ ok: true, data: 'after' });
    expect(ctx.server.connections).toBe(1);
  });
});
