/** The size of a pooled chunk: one socket read (the connection reads 64 KiB at a time). */
const CHUNK_BYTES = 64 * 1024;
/** Free chunks kept for reuse at most (4 MiB); more given back are left to the GC. */
const MAX_FREE = 64;

/**
 * Smaller reads are copied as they are (Node pools the tiny ones): a body in small pieces (a
 * chunked body of 1-byte chunks) must not take 64 KiB per piece, and a target that keeps its
 * chunks holds at most twice the body's size.
 */
const MIN_POOLED_BYTES = CHUNK_BYTES / 2;

const free: Buffer[] = [];
/** The memory of chunks handed out and not given back yet. */
const lent = new WeakSet<ArrayBufferLike>();

/**
 * A copy of `bytes` (a view on the connection's reused read buffer) in memory taken from a pool
 * of 64 KiB chunks, so a streamed body does not allocate (and leave to the GC) a new buffer per
 * read: at 500 MB of downloads that garbage was the bulk of the process's peak RSS. A chunk comes
 * back with `giveBackChunk` once its reader is done with it; one never given back is garbage
 * like any buffer. Reads under 32 KiB are plain copies.
 */
export function pooledCopy(bytes: Buffer): Buffer {
  if (bytes.length > CHUNK_BYTES || bytes.length < MIN_POOLED_BYTES) return Buffer.from(bytes);
  const chunk = free.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
  lent.add(chunk.buffer);
  bytes.copy(chunk);
  return chunk.subarray(0, bytes.length);
}

/**
 * Gives a chunk of `pooledCopy` back for reuse: its reader holds no reference to it any more.
 * Anything else (a decoder's output, a concatenation, a chunk given back twice) is ignored.
 */
export function giveBackChunk(chunk: Uint8Array): void {
  const memory = chunk.buffer;
  if (!lent.has(memory)) return;
  lent.delete(memory);
  if (free.length < MAX_FREE) free.push(Buffer.from(memory, 0, CHUNK_BYTES));
}
