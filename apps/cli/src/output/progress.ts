import { statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { formatMs } from '../render/format.js';

/**
 * How far the reading of a regular `--file` got, as `pv` shows a pipe: the bytes read of its size,
 * and the inputs found in them. The reader (`inputBatches`) updates it as it hands inputs on.
 */
export class FileMeter {
  /** Bytes read from the file so far. */
  bytes = 0;
  /** Inputs found in those bytes. */
  inputs = 0;

  constructor(readonly size: number) {}

  /** A meter for `file` when it is a regular, non-empty file (not stdin, a pipe or a FIFO). */
  static of(file: string | undefined): FileMeter | undefined {
    if (file === undefined || file === '-') return undefined;
    try {
      const stats = statSync(file);
      return stats.isFile() && stats.size > 0 ? new FileMeter(stats.size) : undefined;
    } catch {
      return undefined;
    }
  }

  /** How many inputs the whole file holds: exact once it is read to the end, else extrapolated from the bytes read. */
  expectedInputs(): number | undefined {
    if (this.bytes === 0 || this.inputs === 0) return undefined;
    return this.bytes >= this.size ? this.inputs : Math.max(this.inputs, Math.round((this.inputs * this.size) / this.bytes));
  }
}

/** Bytes for people: `812 B`, `64.0 kB`, `2.61 MB`, `1.20 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(2)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/**
 * A one-line progress bar on a TTY stderr: done/total, ok/failed, rate, ETA. It appears only
 * once a run has taken `showAfterMs` and redraws at most every `everyMs`. Anything else written
 * to the terminal (results on stdout, lines on stderr) goes between `hide()` and `restore()`,
 * so no line is ever glued to the bar.
 */
export class Progress {
  private done = 0;
  private failed = 0;
  private shown = false;
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly stream: Writable & { columns?: number },
    private readonly total: number | undefined,
    private readonly showAfterMs = 1000,
    private readonly everyMs = 100,
    /** For a `--file` run (no total): progress by the file's bytes, with an ETA. */
    private readonly file?: FileMeter,
  ) {}

  tick(ok: boolean): void {
    this.done++;
    if (!ok) this.failed++;
    const now = performance.now();
    if (now - this.started < this.showAfterMs || now - this.lastDraw < this.everyMs) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Removes the bar for good (before the summary). */
  clear(): void {
    this.hide();
    this.lastDraw = Infinity;
  }

  /** Takes the bar off the screen, if it is on it, until `restore()`. */
  hide(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
  }

  /** Puts a hidden bar back. */
  restore(): void {
    if (this.shown && this.lastDraw !== Infinity) this.draw(performance.now());
  }

  private draw(now: number): void {
    const elapsed = (now - this.started) / 1000;
    const rate = this.done / Math.max(elapsed, 0.001);
    const counts = `${this.done}${this.total ? `/${this.total}` : ''} ok ${this.done - this.failed} failed ${this.failed} ${rate.toFixed(0)} req/s`;
    let line = counts;
    const expected = this.total ?? this.file?.expectedInputs();
    if (expected) {
      const width = 24;
      const share = Math.min(1, this.done / expected);
      const filled = Math.round(share * width);
      const eta = rate > 0 ? formatMs((Math.max(0, expected - this.done) / rate) * 1000) : '?';
      // A file's inputs are known only as it is read: the bytes behind the results so far.
      const bytes = this.total === undefined && this.file ? `${formatBytes(share * this.file.size)}/${formatBytes(this.file.size)} ` : '';
      line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${bytes}${counts} ETA ${eta}`;
    }
    const columns = this.stream.columns || 80;
    this.stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, columns - 1))}`);
    this.shown = true;
  }
}
