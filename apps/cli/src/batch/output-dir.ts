import { createHash } from 'node:crypto';
import { closeSync, constants, fdatasync, openSync, renameSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { BodySink, BodyTarget } from '@fanout/core';
import { openInside, shownAs, type DirInside } from './inside-dir.js';
import { removeStaleTemps, tempDone, tempName } from './stale-temps.js';

/**
 * Writes all of `chunk` (a short write continues where it stopped), synchronously: one
 * `write(2)` into the page cache per chunk of at most 64 KiB, as curl does, instead of a trip
 * through libuv's thread pool and a promise per chunk (measured: the bulk of the main thread's
 * time in a 500 × 1 MB download). The bytes reach the disk at `datasync`, which stays async.
 */
function writeAll(fd: number, chunk: Uint8Array): void {
  for (let offset = 0; offset < chunk.length; ) offset += writeSync(fd, chunk, offset, chunk.length - offset);
}

/** `fdatasync(2)` in libuv's thread pool: the one slow call of a file (it waits for the disk). */
function dataSync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * Keeps V8's young generation near its starting size during a download (V8 still grows it once). Each 64 KiB chunk costs a
 * few short-lived objects (stream, reader, write), and V8 doubles the young generation once
 * enough of them survived a scavenge since its last growth: a 500 × 1 MB download grew it from
 * 4 to 8 MB (16 MB of semi-spaces), ~4 MB of peak RSS for nothing. V8 reads the growth factor
 * each time it grows, so it can be set at run time (unlike the young generation's size).
 * Measured (500 × 1 MB at -c 16 from nginx, 4 interleaved rounds, busy 2-core machine, see
 * bench/README.md, Downloads): peak RSS 63.7-64.5 → 59.6-60.1 MiB, CPU time 2.0-2.7 s both ways.
 */
function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * `--output-dir DIR`: where the bodies go. Each ok body streams to a hidden temporary file in
 * its final directory (`.fanout-<host>-<pid>-<random>.part`), hashed as it is written,
 * fsync'd, then renamed over its name: a file under its final name is always whole. Every
 * directory on the way is opened without following a link (see `openInside`), so no name leaves
 * DIR. The first time the run uses a directory (DIR itself at the start), it removes the
 * temporary files a killed run left there (see `removeStaleTemps`). A failed or aborted attempt
 * removes its temporary file.
 */
export class OutputDir {
  /** Directories already cleaned of stale temporary files (by their path under DIR). */
  private readonly cleaned = new Map<string, Promise<void>>();

  constructor(readonly root: string) {}

  /** Creates DIR and removes the stale temporary files in it. */
  async prepare(): Promise<void> {
    keepYoungGenerationSmall();
    const dir = await openInside(this.root, []);
    try {
      await this.clean('', dir);
    } finally {
      await dir.close();
    }
  }

  private clean(key: string, dir: DirInside): Promise<void> {
    let done = this.cleaned.get(key);
    if (done === undefined) {
      done = removeStaleTemps(dir.path).then(
        () => undefined,
        () => undefined, // a directory that cannot be listed: its stale files stay, the run goes on
      );
      this.cleaned.set(key, done);
    }
    return done;
  }

  /** The sink that stores input `index`'s body as `DIR/nameOf(index)` (a name checked against the template's rules). */
  sink(nameOf: (index: number) => string): BodySink {
    return async ({ index }): Promise<BodyTarget> => {
      const name = nameOf(index);
      const segments = name.split('/');
      const base = segments.pop() as string;
      const dir = await openInside(this.root, segments);
      const file = join(this.root, name);
      let fd: number;
      const temp = tempName();
      try {
        await this.clean(segments.join('/'), dir);
        // open, rename and close are quick system calls made on the main thread: the thread
        // pool (4 threads) is left to the fdatasyncs, which queued behind them before.
        fd = openSync(`${dir.path}/${temp}`, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
      } catch (error) {
        tempDone(temp);
        await dir.close();
        throw shownAs(error, file);
      }
      const hash = createHash('sha256');
      let bytes = 0;
      let closed = false;
      const closeAll = async () => {
        if (closed) return;
        closed = true;
        tempDone(temp);
        try {
          closeSync(fd);
        } finally {
          await dir.close();
        }
      };
      return {
        lendsChunks: true, // hashed and written before write() resolves, never kept
        write(chunk) {
          hash.update(chunk);
          bytes += chunk.length;
          try {
            writeAll(fd, chunk);
          } catch (error) {
            throw shownAs(error, file);
          }
        },
        async close() {
          try {
            await dataSync(fd);
            renameSync(`${dir.path}/${temp}`, `${dir.path}/${base}`);
          } catch (error) {
            await rm(`${dir.path}/${temp}`, { force: true });
            throw shownAs(error, file);
          } finally {
            await closeAll();
          }
          return { file, bytes, sha256: hash.digest('hex') };
        },
        async abort() {
          await rm(`${dir.path}/${temp}`, { force: true }).catch(() => undefined);
          await closeAll().catch(() => undefined);
        },
      };
    };
  }
}
