import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout, type BodySink } from '../../src/index.js';
import { collect } from '../helpers.js';

// Streamed bodies (a `sink`) are copied from the connection's read buffer into pooled chunks. A
// target that sets `lendsChunks` gives each chunk back once written, and its memory is reused;
// a target that keeps its chunks (no `lendsChunks`) must never see them overwritten.
const BODIES = Array.from({ length: 6 }, () => randomBytes(1024 * 1024 + 123));
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = BODIES[Number(req.url?.slice(1))] as Buffer;
    res.writeHead(200, { 'content-length': body.length });
    // In pieces, so the reads of the 6 responses interleave.
    let at = 0;
    const next = () => {
      if (at >= body.length) return void res.end();
      const piece = body.subarray(at, at + 100_000);
      at += piece.length;
      res.write(piece, () => setImmediate(next));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const urls = () => BODIES.map((_, i) => `${base}/${i}`);

describe('sink chunks on the default transport', () => {
  it('a target that keeps its chunks gets every body intact (chunks are not reused under it)', async () => {
    const kept = new Map<number, Uint8Array[]>();
    const sink: BodySink = ({ index }) => {
      const chunks: Uint8Array[] = [];
      kept.set(index, chunks);
      return {
        write: async (chunk) => {
          chunks.push(chunk); // kept as given, not copied
          await new Promise((resolve) => setImmediate(resolve));
        },
        close: async () => ({ ok: true }),
        abort: async () => undefined,
      };
    };
    const results = await collect(fanout(urls(), { concurrency: 6, sink }));
    expect(results.filter((result) => !result.ok).map((result) => result.error?.message)).toEqual([]);
    for (const [index, chunks] of kept) expect(sha(Buffer.concat(chunks))).toBe(sha(BODIES[index] as Buffer));
  });

  it('a target that lends its chunks gets every body intact, and the chunks\' memory is reused', async () => {
    const hashes = new Map<number, string>();
    const memories = new Set<ArrayBufferLike>();
    let chunkCount = 0;
    const sink: BodySink = ({ index }) => {
      const hash = createHash('sha256');
      return {
        lendsChunks: true,
        write: async (chunk) => {
          hash.update(chunk);
          memories.add(chunk.buffer);
          chunkCount++;
          await new Promise((resolve) => setImmediate(resolve));
        },
        close: async () => {
          hashes.set(index, hash.digest('hex'));
          return { ok: true };
        },
        abort: async () => undefined,
      };
    };
    const results = await collect(fanout(urls(), { concurrency: 6, sink }));
    expect(results.filter((result) => !result.ok).map((result) => result.error?.message)).toEqual([]);
    for (const [index, digest] of hashes) expect(digest).toBe(sha(BODIES[index] as Buffer));
    // 6 MB in chunks of at most 256 KiB (one read each): at least 24 chunks, held in far fewer pieces of memory.
    expect(chunkCount).toBeGreaterThanOrEqual(24);
    expect(memories.size).toBeLessThan(chunkCount / 2);
  });
});
