/**
 * How much a connection reads from its socket at a time (its read buffer, see connection.ts). A
 * download's socket always has more than 64 KiB waiting (from nginx, 1,971 of the 2,777 `read(2)`
 * calls of a 500 × 1 MB download were full 256 KiB ones), and each read costs the same
 * JavaScript whatever its size (parse, copy, stream, hash and write calls): 256 KiB reads cut
 * that download's CPU time by ~17% against 64 KiB ones, for +1.4 MiB of peak RSS
 * (bench/README.md, Downloads).
 */
export const READ_BYTES = 256 * 1024;

/**
 * The sizes of pooled chunks, smallest first: a read is copied into the smallest that holds it,
 * so a chunk is never more than twice its bytes (a target that keeps its chunks holds at most
 * twice the body's size).
 */
const CHUNK_SIZES = [64 * 1024, 128 * 1024, READ_BYTES] as const;
/** Free chunks kept for reuse at most, per size (4 MiB of the largest); more given back are left to the GC. */
const MAX_FREE = 16;

/**
 * Smaller reads are copied as they are (Node pools the tiny ones): a body in small pieces (a
 * chunked body of 1-byte chunks) must not take a pooled chunk per piece.
 */
const MIN_POOLED_BYTES = CHUNK_SIZES[0] / 2;

const free: Buffer[][] = CHUNK_SIZES.map(() => []);
/** The memory of chunks handed out and not given back yet. */
const lent = new WeakSet<ArrayBufferLike>();

/**
 * A copy of `bytes` (a view on the connection's reused read buffer) in memory taken from pools
 * of 64, 128 and 256 KiB chunks, so a streamed body does not allocate (and leave to the GC) a
 * new buffer per read: at 500 MB of downloads that garbage was the bulk of the process's peak
 * RSS. A chunk comes back with `giveBackChunk` once its reader is done with it; one never given
 * back is garbage like any buffer. Reads under 32 KiB are plain copies.
 */
export function pooledCopy(bytes: Buffer): Buffer {
  const size = bytes.length < MIN_POOLED_BYTES ? -1 : CHUNK_SIZES.findIndex((chunkBytes) => bytes.length <= chunkBytes);
  if (size < 0) return Buffer.from(bytes);
  const chunk = free[size]?.pop() ?? Buffer.allocUnsafeSlow(CHUNK_SIZES[size] as number);
  lent.add(chunk.buffer);
  bytes.copy(chunk);
  return chunk.length === bytes.length ? chunk : chunk.subarray(0, bytes.length);
}

/**
 * Gives a chunk of `pooledCopy` back for reuse: its reader holds no reference to it any more.
 * Anything else (a decoder's output, a concatenation, a chunk given back twice) is ignored.
 */
export function giveBackChunk(chunk: Uint8Array): void {
  const memory = chunk.buffer;
  if (!lent.has(memory)) return;
  lent.delete(memory);
  const list = free[CHUNK_SIZES.indexOf(memory.byteLength as (typeof CHUNK_SIZES)[number])];
  if (list !== undefined && list.length < MAX_FREE) list.push(Buffer.from(memory, 0, memory.byteLength));
}
