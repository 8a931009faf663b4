import { describe, expect, it } from 'vitest';
import { giveBackChunk, pooledCopy } from '../../src/transports/http1/chunk-pool.js';

// A body that arrives in small pieces (a chunked body of 1-byte chunks) must not take a pooled
// chunk per piece: a target that keeps its chunks would hold 64 KiB per byte.
describe('pooled copies of socket reads', () => {
  it('copies a small read into memory of about its size', () => {
    const copies = Array.from({ length: 100 }, (_, i) => pooledCopy(Buffer.from([i])));
    expect(copies.map((copy) => copy[0])).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (const copy of copies) expect(copy.buffer.byteLength).toBeLessThanOrEqual(8 * 1024);
  });

  it('reuses the memory of a full read given back, and ignores one given back twice', () => {
    const read = Buffer.alloc(64 * 1024, 7);
    const first = pooledCopy(read);
    giveBackChunk(first);
    giveBackChunk(first);
    const second = pooledCopy(Buffer.alloc(64 * 1024, 9));
    const third = pooledCopy(Buffer.alloc(64 * 1024, 5));
    expect(second.buffer).toBe(first.buffer);
    expect(third.buffer).not.toBe(first.buffer);
    expect(second[0]).toBe(9);
    expect(third[0]).toBe(5);
  });

  it('copies a read into the smallest chunk that holds it: never more than twice its size', () => {
    for (const bytes of [40_000, 64 * 1024, 100_000, 128 * 1024, 200_000, 256 * 1024]) {
      const copy = pooledCopy(Buffer.alloc(bytes, 3));
      expect(copy.length).toBe(bytes);
      expect(copy.buffer.byteLength).toBeGreaterThanOrEqual(bytes);
      expect(copy.buffer.byteLength).toBeLessThanOrEqual(2 * bytes);
      giveBackChunk(copy);
    }
  });

  it('reuses a given-back chunk only for a read of its size class', () => {
    const big = pooledCopy(Buffer.alloc(256 * 1024, 1));
    giveBackChunk(big);
    const small = pooledCopy(Buffer.alloc(64 * 1024, 2));
    expect(small.buffer).not.toBe(big.buffer);
    const again = pooledCopy(Buffer.alloc(200_000, 4));
    expect(again.buffer).toBe(big.buffer);
    expect(again.length).toBe(200_000);
    expect(again[199_999]).toBe(4);
  });
});
