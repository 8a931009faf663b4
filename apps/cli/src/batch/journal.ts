import { createReadStream, type promises as fsp } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from '../usage-error.js';
import { IndexBitmap } from './index-bitmap.js';

/** The journal's first line: what it is and which input list it belongs to. */
interface JournalHeader {
  readonly fanoutJournal: 1;
  readonly inputs: string;
  readonly describes: string;
}

/** Lines written per `write` + `fdatasync`; a batch is also flushed after `FLUSH_MS`. */
const BATCH_LINES = 500;
const FLUSH_MS = 1000;

/** `index` and `ok` from the start of a result line, without parsing the rest (url and data). */
const LINE_START = /^\{"index":(\d+),"url":"(?:[^"\\]|\\.)*","ok":(true|false)/;

/**
 * The `--journal FILE` of a run: every result's NDJSON line appended, written and fsync'd in
 * batches (a kill loses at most the last batch, whose inputs are then simply fetched again).
 * Opening an existing journal reads which inputs are already ok into a bitmap (constant memory
 * per input), refuses a journal of another input list, and cuts off a line half-written by a
 * killed run.
 */
export class Journal {
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly handle: fsp.FileHandle,
    /** Inputs already recorded ok: not to be fetched again. */
    readonly done: IndexBitmap,
    readonly path: string,
  ) {}

  /** Opens (or creates) the journal of the input list `fingerprint`. Throws `UsageError` for another list's journal. */
  static async open(path: string, fingerprint: string, describes: string): Promise<Journal> {
    const size = await stat(path).then(
      (s) => s.size,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return 0;
        throw new UsageError(`cannot read --journal ${path} (${error.code ?? error.message})`, 'Give a file path fanout may read and write.');
      },
    );
    const done = new IndexBitmap();
    try {
      if (size > 0) {
        await readJournal(path, fingerprint, describes, done);
        const existing = await open(path, 'r+');
        await cutPartialLine(existing, size).finally(() => existing.close());
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read --journal ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Give a file path fanout may read and write.');
    }
    let handle: fsp.FileHandle;
    try {
      handle = await open(path, 'a');
      if (size === 0) {
        const header: JournalHeader = { fanoutJournal: 1, inputs: fingerprint, describes };
        await handle.write(`${JSON.stringify(header)}\n`);
        await handle.datasync();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`cannot write --journal ${path} (${code})`, 'Give a file path fanout may read and write.');
    }
    return new Journal(handle, done, path);
  }

  /** Appends one result line (without its newline); it reaches the disk with its batch. */
  append(line: string): void {
    this.pending.push(line);
    if (this.pending.length >= BATCH_LINES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Writes and fsyncs what is pending, after the batches before it. */
  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return this.writing;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await this.handle.write(text);
        await this.handle.datasync();
      } catch (error) {
        this.failure = error;
      }
    });
    return this.writing;
  }

  /** Flushes the last batch and closes the file; rejects if any write failed. */
  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
    if (this.failure) {
      const code = (this.failure as NodeJS.ErrnoException).code ?? String(this.failure);
      throw new Error(`could not write the journal ${this.path} (${code}); its last results are missing and will be fetched again on resume`);
    }
  }
}

/** Checks the header and marks every ok line's index in `done`. */
async function readJournal(path: string, fingerprint: string, describes: string, done: IndexBitmap): Promise<void> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      checkHeader(line, path, fingerprint, describes);
      continue;
    }
    const match = LINE_START.exec(line);
    if (match && match[2] === 'true' && line.endsWith('}')) done.add(Number(match[1]));
  }
}

function checkHeader(line: string, path: string, fingerprint: string, describes: string): void {
  let header: Partial<JournalHeader> | undefined;
  try {
    header = JSON.parse(line) as Partial<JournalHeader>;
  } catch {
    header = undefined;
  }
  if (header?.fanoutJournal !== 1) {
    throw new UsageError(`--journal ${path} is not a fanout journal (its first line is not a journal header)`, 'Give a new file name, or the journal a previous run wrote.');
  }
  if (header.inputs !== fingerprint) {
    throw new UsageError(
      `--journal ${path} was written for another input list (${header.describes ?? 'unknown'}), not this one (${describes})`,
      'Run with the same inputs as before to resume, or give a new journal file.',
    );
  }
}

/** A killed run may leave half a line at the end: cut it, so the next append starts a line. */
async function cutPartialLine(handle: fsp.FileHandle, size: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const at = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at >= 0) {
      const keep = start + at + 1;
      if (keep < size) await handle.truncate(keep);
      return;
    }
    end = start;
  }
  await handle.truncate(0);
}
