import { join } from 'node:path';
import type { BatchNotes } from '../render/summary-table.js';
import { serializeResult, type FanoutError, type FanoutOptions, type FetchResult } from '@fanout/core';
import type { InputItem } from '../inputs/input-item.js';
import type { UpstreamChoice } from '../inputs/upstream-choice.js';
import type { BatchConfig } from '../options/batch-options.js';
import { fingerprintInputs, type BatchSources } from '../batch/input-fingerprint.js';
import type { Output, OutputStop } from '../output/output.js';
import { Journal, JournalWriteError } from '../batch/journal.js';
import { UsageError } from '../errors/usage-error.js';
import { fileName, namesDifferByIndex } from '../batch/file-name.js';
import { FileNameCollisionError } from '../batch/file-name-collision-error.js';
import { fileInside } from '../batch/inside-dir.js';
import { inputUrl } from '../inputs/input-url.js';
import { NameClaims } from '../batch/name-claims.js';
import { OutputDir } from '../batch/output-dir.js';

/** What `admit` says of an input: fetch it, skip it, or fail it unfetched. */
export type Admission = boolean | FanoutError;


/**
 * The long-batch side of one stream run: skips what the journal has done (renumbering the rest
 * back to their input positions), journals each result, and says when `--max-failures` is hit.
 */
export class BatchRun {
  private skipped = 0;
  private skippedExisting = 0;
  private failed = 0;
  /** Inputs read, skipped or not. */
  private read = 0;
  private pulled = 0;
  private settled = 0;
  /** fanout's index (position among the inputs not skipped) → the input's own position. */
  private readonly positions = new Map<number, number>();
  private out: Output | undefined;
  private closing: Promise<void> | undefined;
  /** fanout's index → the file name of an input in flight (`--output-dir`). */
  private readonly names = new Map<number, string>();
  /** Which input owns each file name, when the template does not make names differ by index. */
  private readonly claims: NameClaims | undefined;

  private constructor(
    private readonly config: BatchConfig,
    /** The sources to read the inputs from: stdin (or a pipe) replayed if it was fingerprinted. */
    readonly sources: BatchSources,
    private readonly journal: Journal | undefined,
    private readonly outputDir: OutputDir | undefined,
  ) {
    this.claims = config.files && !namesDifferByIndex(config.files.name) ? new NameClaims() : undefined;
  }

  /** Opens the journal (if any) for these inputs; throws `UsageError` for another list's journal. */
  static async open(config: BatchConfig, sources: BatchSources, upstream: UpstreamChoice): Promise<BatchRun> {
    const outputDir = config.files ? await openOutputDir(config.files.dir) : undefined;
    if (config.journal === undefined) return new BatchRun(config, sources, undefined, outputDir);
    const inputs = await fingerprintInputs(sources, upstream);
    const journal = await Journal.open(config.journal, inputs.fingerprint, inputs.describes, inputs.maxInputs);
    return new BatchRun(config, inputs.sources, journal, outputDir);
  }

  /**
   * Whether to fetch the next input (called once per input, in order): not when the journal has
   * it ok, or (`--skip-existing`) its file exists; those are counted as skipped. With
   * `--output-dir`, a file name already owned by an earlier input (in input order, skipped ones
   * included, so the owner is the same on every resume) fails the input unfetched with
   * `FileNameCollisionError`, never skipped for the other input's file.
   */
  admit(item: InputItem): Admission {
    const files = this.config.files;
    const at = this.read++;
    const name = files && item.problem === undefined ? fileName(files.name, at, inputUrl(item)) : undefined;
    const owner = name !== undefined && this.claims ? this.claims.claim(name, at) : at;
    if (this.journal?.done.has(at)) {
      this.skipped++;
      return false;
    }
    const verdict: Admission = owner === at ? true : new FileNameCollisionError(at, join((files as { dir: string }).dir, name as string), owner);
    if (verdict === true && files?.skipExisting && fileInside(files.dir, name as string)) {
      this.skipped++;
      this.skippedExisting++;
      return false;
    }
    if (at !== this.pulled) this.positions.set(this.pulled, at);
    if (name !== undefined) this.names.set(this.pulled, name);
    this.pulled++;
    return verdict;
  }

  /** A result with its input's own index, journalled. */
  settle(result: FetchResult): FetchResult {
    const position = this.positions.get(result.index);
    if (position !== undefined) this.positions.delete(result.index);
    this.names.delete(result.index);
    const own = position === undefined ? result : { ...result, index: position };
    this.settled++;
    if (!own.ok) this.failed++;
    this.journal?.append(JSON.stringify(serializeResult(own)));
    return own;
  }

  /**
   * Ties the journal to the results' output: the journalled lines are written before each write
   * to stdout (what was printed is in the journal, even after `kill -9`), and a journal that
   * cannot be written stops the output (exit 74) rather than print what it does not hold.
   */
  guard(out: Output): void {
    const journal = this.journal;
    if (!journal) return;
    this.out = out;
    out.beforeEachWrite(() => {
      try {
        journal.commit();
        return undefined;
      } catch (error) {
        return journalStop(error);
      }
    });
    journal.onFailure = (error) => out.halt(journalStop(error));
  }

  /** The core options these flags set. */
  coreOptions(): FanoutOptions {
    const files = this.config.files;
    if (!files || !this.outputDir) return {};
    // The sink gets fanout's index; the name was made at admission, from the input's own position and URL.
    const sink = this.outputDir.sink((index) => this.names.get(index) ?? fileName(files.name, this.positions.get(index) ?? index, ''));
    return { sink, maxBodyBytes: files.maxBytes ?? Infinity };
  }

  /** True once `--max-failures` failed inputs have come back: the run must stop. */
  get mustStop(): boolean {
    return this.config.maxFailures !== undefined && this.failed >= this.config.maxFailures;
  }

  /** What to add to the summary. */
  notes(): BatchNotes {
    return {
      ...(this.journal || this.config.files?.skipExisting ? { skipped: this.skipped } : {}),
      ...(this.config.files?.skipExisting ? { skippedExisting: this.skippedExisting } : {}),
      ...(this.mustStop ? { stopped: { maxFailures: this.config.maxFailures as number, unfinished: this.pulled - this.settled } } : {}),
    };
  }

  /** Writes the journal's last lines and releases it (once, however often called); a failure to write stops the output (exit 74). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.journal?.close();
      } catch (error) {
        if (!this.out) throw error;
        this.out.halt(journalStop(error));
      }
    })();
    return this.closing;
  }
}


function journalStop(error: unknown): OutputStop {
  if (error instanceof JournalWriteError) return { kind: 'write-failed', code: error.code, journal: error.path };
  throw error;
}

/** Creates `--output-dir` and removes the temporary files a killed run left in it; a usage error if it cannot be made. */
async function openOutputDir(dir: string): Promise<OutputDir> {
  const outputDir = new OutputDir(dir);
  try {
    await outputDir.prepare();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot create --output-dir ${dir} (${code})`, 'Give a directory fanout may create and write in.');
  }
  return outputDir;
}
