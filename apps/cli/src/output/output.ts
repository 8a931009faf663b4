import type { Writable } from 'node:stream';
import { whenWritable } from '@fanout/core';

/** Around each stdout write on a shared terminal: the progress bar steps aside, then returns. */
export interface WriteHooks {
  before(): void;
  after(): void;
}

/**
 * Why output stopped: the reader left (`| head`: quiet, exit 0), or a write failed (exit 74):
 * stdout's, or the journal's (`journal` is its path), which must hold a line before it is printed.
 */
export type OutputStop = { kind: 'pipe-closed' } | { kind: 'write-failed'; code: string; journal?: string };

/** Lines are gathered up to this many characters into one write… */
const BATCH_CHARS = 64 * 1024;
/** …or for at most this long (ms) after the first of them. */
const BATCH_MS = 10;

/**
 * stdout for results: whole lines per write (never a half-printed line), gathered into one
 * write per 64 KiB or 10 ms, whichever comes first (a write costs ~4 µs of CPU, in the process
 * and in the kernel: per event-loop turn it was ~4 lines a write at 13,000 results/s; a line
 * waits at most 10 ms). Backpressure holds: at most one batch waits here, the rest is the
 * stream's, and `ready()` waits for its `drain`. A closed pipe
 * (`fanout … | head -3`) ends the run quietly; any other write error (`> /dev/full`: ENOSPC)
 * ends it as a write failure, reported once by the caller, never as a stack trace.
 */
export class Output {
  private stopped: OutputStop | undefined;
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private onStop: (stop: OutputStop) => void = () => undefined;
  private gate: () => OutputStop | undefined = () => undefined;
  hooks: WriteHooks | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.halt(error.code === 'EPIPE' ? { kind: 'pipe-closed' } : { kind: 'write-failed', code: error.code ?? error.message }));
  }

  /** Registers what to do when output stops (abort the run). */
  whenStopped(handler: (stop: OutputStop) => void): void {
    this.onStop = handler;
    if (this.stopped) handler(this.stopped);
  }

  /**
   * Runs `check` before each write to the stream: the journal writes the lines about to be
   * printed. A stop it returns halts the output instead of the write.
   */
  beforeEachWrite(check: () => OutputStop | undefined): void {
    this.gate = check;
  }

  /** Stops output (the first reason wins) and tells the run. */
  halt(stop: OutputStop): void {
    if (this.stopped) return;
    this.stopped = stop;
    clearTimeout(this.timer);
    this.pending = '';
    this.onStop(stop);
  }

  /** Set once output stopped. */
  get failure(): OutputStop | undefined {
    return this.stopped;
  }

  get closed(): boolean {
    return this.stopped !== undefined;
  }

  write(text: string): void {
    if (this.stopped) return;
    this.pending += text;
    if (this.pending.length >= BATCH_CHARS) this.writePending();
    else this.timer ??= setTimeout(() => this.writePending(), BATCH_MS);
  }

  /**
   * Whole lines already encoded (UTF-8), handed to the stream as they are, after the lines
   * gathered before them: for lines that arrive as bytes (`results --follow`), never decoded.
   */
  writeBytes(bytes: Uint8Array): void {
    if (this.stopped || bytes.length === 0) return;
    this.writePending();
    if (!this.stopped) this.handOver(bytes);
  }

  /** Hands the gathered lines to the stream in one write. */
  private writePending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.handOver(text);
  }

  /** Hands whole lines to the stream, unless the check before each write stops output instead. */
  private handOver(chunk: string | Uint8Array): void {
    const stop = this.gate();
    if (stop) {
      this.halt(stop);
      return;
    }
    this.hooks?.before();
    this.stream.write(chunk);
    this.hooks?.after();
  }

  /** Resolves when the stream can take more (stdout's own backpressure), at once if it can. */
  ready(): Promise<void> | undefined {
    return this.stopped ? undefined : whenWritable(this.stream);
  }

  /** Resolves once everything written so far has been handed to the OS (or output stopped). */
  flush(): Promise<void> {
    this.writePending();
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      // Called once per batch by results --follow: the error listener must not pile up.
      const done = () => {
        this.stream.off('error', done);
        resolve();
      };
      this.stream.write('', done);
      this.stream.once('error', done);
    });
  }
}
