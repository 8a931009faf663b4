import { closeSync, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';

/** Where a batch's lines start in a regular file: the file (device, inode) and its size then. */
export interface FilePosition {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
}

/** The position at the end of `fd` when it is a regular file; `undefined` for a pipe, a terminal or no fd. */
export function filePosition(fd: number | undefined): FilePosition | undefined {
  if (fd === undefined) return undefined;
  try {
    const stat = fstatSync(fd);
    return stat.isFile() ? { dev: stat.dev, ino: stat.ino, size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

/** At most this much is read back from a file to find the lines of one batch. */
const MAX_READ_BACK = 256 * 1024 * 1024;

/**
 * The complete lines written to the file behind `fd` since `from` (by a follower that died
 * before acknowledging them), or `undefined` when that cannot be known: `fd` is no longer the
 * same regular file, or the file is shorter than it was. A line cut short by the death (no
 * newline yet) is removed from the file, so that it is written again whole.
 */
export function linesWrittenSince(fd: number | undefined, from: FilePosition): string[] | undefined {
  const now = filePosition(fd);
  if (fd === undefined || now === undefined || now.dev !== from.dev || now.ino !== from.ino || now.size < from.size) return undefined;
  const length = now.size - from.size;
  if (length > MAX_READ_BACK) return undefined;
  // fd may be write-only (`>> file`): read the same file through /proc.
  let reader: number;
  try {
    reader = openSync(`/proc/self/fd/${fd}`, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(reader, buffer, read, length - read, from.size + read);
      if (n === 0) break;
      read += n;
    }
    const end = buffer.subarray(0, read).lastIndexOf(0x0a) + 1;
    if (end < read) ftruncateSync(fd, from.size + end);
    return buffer.subarray(0, end).toString('utf8').split('\n').filter((line) => line !== '');
  } finally {
    closeSync(reader);
  }
}
