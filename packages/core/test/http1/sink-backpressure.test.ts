import { createHash } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout, type BodySink } from '../../src/index.js';
import { collect } from '../helpers.js';
import { http1 } from './run.js';

const SIZE = 64 * 1024 * 1024;
const PIECE = Buffer.alloc(256 * 1024, 'z');
let server: Server;
let base = '';
/** Body bytes the server's socket took so far (written out or buffered in the kernel). */
let flushed = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${SIZE}\r\n\r\n`);
      let sent = 0;
      const more = () => {
        while (sent < SIZE) {
          sent += PIECE.length;
          const ok = socket.write(PIECE, () => (flushed += PIECE.length));
          if (!ok) return void socket.once('drain', more);
        }
      };
      more();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('http1: a body streamed to a sink', () => {
  it('is read at the sink’s pace: while the sink holds, the server cannot send the body (TCP backpressure); then all of it arrives', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = 0;
    const hash = createHash('sha256');
    const sink: BodySink = () => ({
      async write(chunk) {
        if (written === 0) await held;
        written += chunk.length;
        hash.update(chunk);
      },
      close: async () => ({ bytes: written, sha256: hash.digest('hex') }),
      abort: async () => undefined,
    });
    const run = collect(fanout([`${base}/big`], { transport: http1(), sink, timeout: 60_000, maxBodyBytes: SIZE, retry: 0 }));
    // Poll until the server's writes stall: the socket buffers on both sides are full.
    let last = -1;
    for (let i = 0; i < 400 && (flushed === 0 || flushed !== last); i++) {
      last = flushed;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(flushed).toBeLessThan(SIZE / 4);
    release();
    const [result] = await run;
    expect(result).toMatchObject({ ok: true, data: { bytes: SIZE, sha256: createHash('sha256').update(Buffer.alloc(SIZE, 'z')).digest('hex') } });
  }, 60_000);
});
