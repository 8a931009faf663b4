import { join } from 'node:path';
import { serializeResult, type BodySink, type FanoutOptions } from '@fanout/core';
import type { BatchNotes } from '../render/summary-table.js';
import type { InputItem } from '../inputs/input-item.js';
import type { UpstreamChoice } from '../inputs/upstream-choice.js';
import type { BatchConfig } from '../options/batch-options.js';
import type { BatchSources } from '../batch/input-fingerprint.js';
import type { Output, OutputStop } from '../output/output.js';
import type { Journal } from '../batch/journal.js';
import { JournalWriteError } from '../batch/journal-write-error.js';
import { UsageError } from '../errors/usage-error.js';
import { fileName, namesDifferByIndex } from '../batch/file-name.js';
import { FileNameCollisionError } from '../batch/file-name-collision-error.js';
import { fileInside } from '../batch/inside-dir.js';
import { inputUrl } from '../inputs/input-url.js';
import { NameClaims } from '../batch/name-claims.js';
import type { OutputDir } from '../batch/output-dir.js';
import type { Admission, InputKey, KeyedResult } from './input-key.js';

/** An input to send with no file name (no `--output-dir`): one object for all of them. */
const SEND: Admission = {};

/**
 * The long-batch side of one stream run: skips what the journal has done, names each input's
 * file (`--output-dir`), journals each result, and says when `--max-failures` is hit. What it
 * decides of an input travels in the request's key (see `InputKey`): it keeps no map of inputs
 * in flight.
 */
export class BatchRun {
  private skipped = 0;
  private skippedExisting = 0;
  private failed = 0;
  /** Inputs sent (not skipped). */
  private pulled = 0;
  private settled = 0;
  private out: Output | undefined;
  private closing: Promise<void> | undefined;
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

  /**
   * Opens the journal (if any) for these inputs; throws `UsageError` for another list's journal.
   * The journal's and the output directory's code (`node:crypto`, `node:os`) is loaded only for
   * a run that uses them.
   */
  static async open(config: BatchConfig, sources: BatchSources, upstream: UpstreamChoice): Promise<BatchRun> {
    const outputDir = config.files ? await openOutputDir(config.files.dir) : undefined;
    if (config.journal === undefined) return new BatchRun(config, sources, undefined, outputDir);
    const [{ fingerprintInputs }, { Journal }] = await Promise.all([import('../batch/input-fingerprint.js'), import('../batch/journal.js')]);
    const inputs = await fingerprintInputs(sources, upstream);
    const journal = await Journal.open(config.journal, inputs.fingerprint, inputs.describes, inputs.maxInputs);
    return new BatchRun(config, inputs.sources, journal, outputDir);
  }

  /**
   * Whether to fetch the input at `at` (its position; called once per input, in order): not when
   * the journal has it ok, or (`--skip-existing`) its file exists; those are counted as skipped.
   * An input fetched gets its file name. With
   * `--output-dir`, a file name already owned by an earlier input (in input order, skipped ones
   * included, so the owner is the same on every resume) fails the input unfetched with
   * `FileNameCollisionError`, never skipped for the other input's file.
   */
  admit(item: InputItem, at: number): Admission {
    const files = this.config.files;
    const name = files && item.problem === undefined ? fileName(files.name, at, inputUrl(item)) : undefined;
    const owner = name !== undefined && this.claims ? this.claims.claim(name, at) : at;
    if (this.journal?.done.has(at)) {
      this.skipped++;
      return false;
    }
    if (owner !== at) {
      this.pulled++;
      return { error: new FileNameCollisionError(at, join((files as { dir: string }).dir, name as string), owner) };
    }
    if (files?.skipExisting && fileInside(files.dir, name as string)) {
      this.skipped++;
      this.skippedExisting++;
      return false;
    }
    this.pulled++;
    return name === undefined ? SEND : { name };
  }

  /** Journals a result (its `index` the input's own position), and counts it for `--max-failures`. */
  record(result: KeyedResult): void {
    this.settled++;
    if (!result.ok) this.failed++;
    this.journal?.append(JSON.stringify(serializeResult(result)));
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

  /** The core options these flags set: with `--output-dir`, the sink that stores each body under the name in its request's key. */
  coreOptions(): Pick<FanoutOptions, 'sink' | 'maxBodyBytes'> {
    const files = this.config.files;
    const outputDir = this.outputDir;
    if (!files || !outputDir) return {};
    const sink: BodySink = (response) => {
      // Every request of the run carries its InputKey; a name is made at admission for each one sent.
      const key = response.key as InputKey;
      return outputDir.sink(() => key.name ?? fileName(files.name, key.position, ''))(response);
    };
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
  const { OutputDir } = await import('../batch/output-dir.js');
  const outputDir = new OutputDir(dir);
  try {
    await outputDir.prepare();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot create --output-dir ${dir} (${code})`, 'Give a directory fanout may create and write in.');
  }
  return outputDir;
}
