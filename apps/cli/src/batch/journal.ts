import { closeSync, createReadStream, fdatasync, fstatSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { numberedLines } from '@fanout/core';
import { UsageError } from '../errors/usage-error.js';
import { IndexBitmap } from './index-bitmap.js';
import { JournalLock } from './journal-lock.js';
import { JournalWriteError } from './journal-write-error.js';

/** The journal's first line: what it is and which input list it belongs to. */
interface JournalHeader {
  readonly fanoutJournal: 1;
  readonly inputs: string;
  readonly describes: string;
}

/** Lines written between two `fdatasync`s; a sync also follows the last write by at most `SYNC_MS`. */
const SYNC_LINES = 500;
const SYNC_MS = 1000;

/**
 * The `--journal FILE` of a run: each result's NDJSON line appended. The lines of a turn are
 * written (one `write`, short writes continued) before any of them is printed: the run calls
 * `commit()` before each write to stdout, so what was printed is in the journal even after
 * `kill -9`. `fdatasync` follows in batches (power loss only). A write that fails midway (full
 * disk, file size limit) is cut back to the last whole line and is a `JournalWriteError`.
 * Opening takes the journal's lock (`FILE.lock`), reads which inputs are already ok into a
 * bitmap (constant memory per input), refuses a journal of another input list, and cuts off a
 * line half-written by a killed run.
 */
export class Journal {
  private pending: string[] = [];
  private failure: JournalWriteError | undefined;
  private scheduled = false;
  private unsynced = 0;
  private syncTimer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> = Promise.resolve();
  /** Told when a commit of the journal's own (not one asked by the run) fails. */
  onFailure: (error: JournalWriteError) => void = () => undefined;

  private constructor(
    private readonly fd: number,
    private size: number,
    private readonly lock: JournalLock,
    /** Inputs already recorded ok: not to be fetched again. */
    readonly done: IndexBitmap,
    readonly path: string,
  ) {}

  /**
   * Opens (or creates) the journal of the input list `fingerprint`, whose inputs are fewer than
   * `maxInputs` (a record of an index past it is ignored). Throws `UsageError` for another
   * list's journal, a journal in use by another run, or one that cannot be read or written.
   */
  static async open(path: string, fingerprint: string, describes: string, maxInputs: number): Promise<Journal> {
    checkRegular(path);
    const lock = JournalLock.acquire(path);
    try {
      return await Journal.openLocked(path, fingerprint, describes, maxInputs, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private static async openLocked(path: string, fingerprint: string, describes: string, maxInputs: number, lock: JournalLock): Promise<Journal> {
    let fd: number;
    try {
      fd = openSync(path, 'a+');
    } catch (error) {
      throw new UsageError(`cannot write --journal ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Give a file path fanout may read and write.');
    }
    const done = new IndexBitmap();
    try {
      const size = fstatSync(fd).size;
      const whole = wholeLinesEnd(fd, size);
      if (whole > 0) await readJournal(path, whole, fingerprint, describes, maxInputs, done);
      else if (size > 0) checkPartialHeader(fd, size, path);
      if (whole < size) ftruncateSync(fd, whole); // a line cut by a kill: its input is fetched again
      const journal = new Journal(fd, whole, lock, done, path);
      if (whole === 0) {
        const header: JournalHeader = { fanoutJournal: 1, inputs: fingerprint, describes };
        journal.pending.push(JSON.stringify(header));
        journal.commit();
      }
      return journal;
    } catch (error) {
      closeSync(fd);
      if (error instanceof UsageError) throw error;
      const code = error instanceof JournalWriteError ? error.code : ((error as NodeJS.ErrnoException).code ?? String(error));
      throw new UsageError(`cannot use --journal ${path} (${code})`, 'Give a file path fanout may read and write.');
    }
  }

  /** Appends one result line (without its newline); it is written by the next `commit()`, at the latest after this turn. */
  append(line: string): void {
    this.pending.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      try {
        this.commit();
      } catch (error) {
        this.onFailure(error as JournalWriteError);
      }
    });
  }

  /**
   * Writes the appended lines now, whole (a short write is continued; one that fails is cut back
   * so that the file ends with a whole line). Throws `JournalWriteError`, again on every call
   * after a failure.
   */
  commit(): void {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const lines = this.pending.length;
    const bytes = Buffer.from(`${this.pending.join('\n')}\n`);
    this.pending = [];
    try {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // the file keeps a half line: the next open cuts it
      }
      this.failure = new JournalWriteError(this.path, (error as NodeJS.ErrnoException).code ?? String(error));
      throw this.failure;
    }
    this.size += bytes.length;
    this.unsynced += lines;
    if (this.unsynced >= SYNC_LINES) this.sync();
    else this.syncTimer ??= setTimeout(() => this.sync(), SYNC_MS).unref();
  }

  /** `fdatasync` of what is written, after the one before it. */
  private sync(): Promise<void> {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    this.unsynced = 0;
    this.syncing = this.syncing.then(
      () =>
        new Promise<void>((resolve) =>
          fdatasync(this.fd, (error) => {
            if (error && !this.failure) this.failure = new JournalWriteError(this.path, error.code ?? error.message);
            resolve();
          }),
        ),
    );
    return this.syncing;
  }

  /** Writes and syncs the last lines, closes the file and releases the lock; throws `JournalWriteError` if a write failed. */
  async close(): Promise<void> {
    try {
      try {
        this.commit();
      } finally {
        await this.sync();
        closeSync(this.fd);
      }
      if (this.failure) throw this.failure;
    } finally {
      this.lock.release();
    }
  }
}

/** A journal is a regular file (or none yet): not /dev/full, a FIFO or a directory (and no lock is made next to one). */
function checkRegular(path: string): void {
  let kind: string | undefined;
  try {
    const stats = statSync(path);
    kind = stats.isFile() ? undefined : stats.isDirectory() ? 'a directory' : stats.isCharacterDevice() ? 'a device' : 'not a regular file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    kind = code ?? String(error);
  }
  if (kind !== undefined) throw new UsageError(`cannot use --journal ${path} (${kind})`, 'Give the path of a regular file fanout may read and write.');
}

/** The offset just past the file's last `\n` (0 when it has none). */
function wholeLinesEnd(fd: number, size: number): number {
  const chunk = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const bytesRead = readSync(fd, chunk, 0, end - start, start);
    const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
}

/** A file without one whole line is a journal whose header a kill cut, or no journal at all. */
function checkPartialHeader(fd: number, size: number, path: string): void {
  const head = Buffer.alloc(Math.min(size, 16));
  readSync(fd, head, 0, head.length, 0);
  if (!'{"fanoutJournal":1'.startsWith(head.toString('latin1'))) throw notAJournal(path);
}

function notAJournal(path: string): UsageError {
  return new UsageError(`--journal ${path} is not a fanout journal (its first line is not a journal header)`, 'Give a new file name, or the journal a previous run wrote.');
}

/**
 * The longest journal line read: longer than any record fanout writes (a body is at most
 * `maxBodyBytes`, 10 MiB, which JSON escapes to at most six times that, plus headers), so a longer
 * line is a damaged or planted one. It is counted past, never held, and its input fetched again.
 */
export const MAX_JOURNAL_LINE_BYTES = 64 * 1024 * 1024;

/** Checks the header and marks the index of every whole, well-formed ok record in `done`, in memory bounded by the longest line. */
async function readJournal(path: string, end: number, fingerprint: string, describes: string, maxInputs: number, done: IndexBitmap): Promise<void> {
  let first = true;
  for await (const lines of numberedLines(createReadStream(path, { start: 0, end: end - 1 }), MAX_JOURNAL_LINE_BYTES)) {
    for (const { line, text, overLong } of lines) {
      if (first) {
        // The header is the first line: a file that starts otherwise is no journal.
        first = false;
        if (line !== 1 || overLong !== undefined) throw notAJournal(path);
        checkHeader(text, path, fingerprint, describes);
        continue;
      }
      const index = overLong === undefined ? okIndex(text, maxInputs) : undefined;
      if (index !== undefined) done.add(index);
    }
  }
}

/** The input index of a result record that says ok; undefined for a failed, broken or out-of-range one. */
function okIndex(line: string, maxInputs: number): number | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const { index, ok, url } = record as { index?: unknown; ok?: unknown; url?: unknown };
  if (ok !== true || typeof url !== 'string' || typeof index !== 'number') return undefined;
  return Number.isSafeInteger(index) && index >= 0 && index < maxInputs ? index : undefined;
}

function checkHeader(line: string, path: string, fingerprint: string, describes: string): void {
  let header: Partial<JournalHeader> | undefined;
  try {
    header = JSON.parse(line) as Partial<JournalHeader>;
  } catch {
    header = undefined;
  }
  if (header?.fanoutJournal !== 1) throw notAJournal(path);
  if (header.inputs !== fingerprint) {
    throw new UsageError(
      `--journal ${path} was written for another input list (${header.describes ?? 'unknown'}), not this one (${describes})`,
      'Run with the same inputs as before to resume, or give a new journal file.',
    );
  }
}
