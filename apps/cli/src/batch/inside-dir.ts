import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { OutsideDirError } from './outside-dir-error.js';

/** Linux: `/proc/self/fd/N/name` resolves `name` inside the directory open as fd N, as `openat` would. Looked up on first use. */
let procFd: boolean | undefined;

/** A directory inside `--output-dir`, held open while a file is written in it. */
export interface DirInside {
  /** The path to put before a file name to reach it in this very directory. */
  readonly path: string;
  /** For messages: `DIR/a/b`. */
  readonly shown: string;
  close(): Promise<void>;
}

async function isSymlink(path: string): Promise<boolean> {
  return lstat(path).then(
    (stats) => stats.isSymbolicLink(),
    () => false,
  );
}

/**
 * Creates and opens `root/segments…` without following a symbolic link on the way: each
 * directory is opened `O_NOFOLLOW | O_DIRECTORY` relative to the one before it (through
 * `/proc/self/fd`, which is `openat`), so a link planted in the tree, before or during the run,
 * fails the file with `OutsideDirError` instead of leading out of `root`. `root` itself is the
 * user's and may be a link. Without /proc (not Linux) each step is checked with `lstat`, which a
 * link swapped in between check and use could still defeat.
 */
export async function openInside(root: string, segments: readonly string[]): Promise<DirInside> {
  // Quick system calls on the main thread (see output-dir.ts: the thread pool is the fsyncs').
  procFd ??= existsSync('/proc/self/fd');
  if (!procFd) {
    mkdirSync(root, { recursive: true });
    return checkedPath(root, segments);
  }
  const rootFd = openRoot(root);
  if (segments.length === 0) return { path: `/proc/self/fd/${rootFd}`, shown: root, close: async () => closeSync(rootFd) };
  let dir: FileHandle;
  try {
    dir = await open(`/proc/self/fd/${rootFd}`, constants.O_RDONLY | constants.O_DIRECTORY);
  } finally {
    closeSync(rootFd);
  }
  let shown = root;
  try {
    for (const segment of segments) {
      const path = `/proc/self/fd/${dir.fd}/${segment}`;
      shown = join(shown, segment);
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      let next: FileHandle;
      try {
        next = await open(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
      } catch (error) {
        if (await isSymlink(path)) throw new OutsideDirError(shown, root);
        throw shownAs(error, shown);
      }
      await dir.close();
      dir = next;
    }
  } catch (error) {
    await dir.close();
    throw error;
  }
  const held = dir;
  return { path: `/proc/self/fd/${held.fd}`, shown, close: () => held.close() };
}

/**
 * Opens `root`, creating it (and its parents) only when it is missing: it exists for every file
 * but the first, and a `mkdir -p` per file was 32 ms of a 500-file download.
 */
function openRoot(root: string): number {
  try {
    return openSync(root, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(root, { recursive: true });
    return openSync(root, constants.O_RDONLY | constants.O_DIRECTORY);
  }
}

async function checkedPath(root: string, segments: readonly string[]): Promise<DirInside> {
  let path = root;
  for (const segment of segments) {
    path = join(path, segment);
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) throw new OutsideDirError(path, root);
    if (!stats.isDirectory()) throw Object.assign(new Error(`ENOTDIR: ${path} is not a directory`), { code: 'ENOTDIR' });
  }
  return { path, shown: path, close: async () => undefined };
}

/**
 * `--skip-existing`: whether `root/name` is a regular file reached without a symbolic link
 * (a file behind a link does not count: the input is fetched, and then fails as outside).
 */
export function fileInside(root: string, name: string): boolean {
  let path = root;
  const segments = name.split('/');
  try {
    for (const [at, segment] of segments.entries()) {
      path = join(path, segment);
      const stats = lstatSync(path);
      if (at < segments.length - 1 ? !stats.isDirectory() : !stats.isFile()) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** A system error whose message names `shown` (the user's path), not a /proc/self/fd one. */
export function shownAs(error: unknown, shown: string): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error as Error;
  return Object.assign(new Error(`${code}: cannot store ${shown}`), { code });
}
