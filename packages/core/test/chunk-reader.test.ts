import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChunkReader } from '../src/utils/chunk-reader.js';

async function readAll(stream: Readable): Promise<unknown[]> {
  const reader = new ChunkReader(stream);
  const chunks: unknown[] = [];
  try {
    for (;;) {
      let chunk = reader.take();
      if (chunk === undefined) chunk = await reader.next();
      if (chunk === null) return chunks;
      chunks.push(chunk);
    }
  } finally {
    reader.stop();
  }
}

/** An object-mode stream that pushes `items` one per macrotask, then ends (or fails with `error`). */
function slowStream(items: readonly string[], error?: Error): Readable {
  let at = 0;
  return new Readable({
    objectMode: true,
    highWaterMark: 2,
    read() {
      setImmediate(() => {
        if (at < items.length) this.push(items[at++]);
        else if (error) this.destroy(error);
        else this.push(null);
      });
    },
  });
}

describe('ChunkReader reads a stream as `for await` does', () => {
  it('gives every chunk in order, then null at the end', async () => {
    const items = Array.from({ length: 50 }, (_, i) => `chunk ${i}`);
    expect(await readAll(slowStream(items))).toEqual(items);
    expect(await readAll(Readable.from([], { objectMode: true }))).toEqual([]);
  });

  it('gives the chunks already buffered without waiting (no promise per chunk)', () => {
    const stream = new Readable({ objectMode: true, highWaterMark: 8, read: () => undefined });
    for (const item of ['a', 'b', 'c']) stream.push(item);
    const reader = new ChunkReader(stream);
    expect([reader.take(), reader.take(), reader.take()]).toEqual(['a', 'b', 'c']);
    expect(reader.take()).toBeUndefined();
    reader.stop();
  });

  it("throws the stream's error, after the chunks that came before it", async () => {
    const failure = new Error('connection reset');
    const reader = new ChunkReader(slowStream(['a', 'b'], failure));
    const got: unknown[] = [];
    await expect(
      (async () => {
        for (;;) {
          const chunk = reader.take() ?? (await reader.next());
          if (chunk === null) return;
          got.push(chunk);
        }
      })(),
    ).rejects.toBe(failure);
    expect(got).toEqual(['a', 'b']);
    reader.stop();
  });

  it('throws a premature close for a stream destroyed before its end without an error', async () => {
    const stream = new Readable({ objectMode: true, read: () => undefined });
    const reading = readAll(stream);
    setImmediate(() => stream.destroy());
    await expect(reading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('does not wait forever on a stream that ended before it was read', async () => {
    const stream = Readable.from(['only'], { objectMode: true });
    await new Promise<void>((resolve) => stream.once('end', resolve).resume());
    expect(await readAll(stream)).toEqual([]);
  });
});
