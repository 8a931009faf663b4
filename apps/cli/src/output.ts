import type { Writable } from 'node:stream';
import { whenWritable } from '@fanout/core';

/** Around each stdout write on a shared terminal: the progress bar steps aside, then returns. */
export interface WriteHooks {
  before(): void;
  after(): void;
}

/** Why output stopped: the reader left (`| head`: quiet, exit 0), or a write failed (exit 74). */
export type OutputStop = { kind: 'pipe-closed' } | { kind: 'write-failed'; code: string };

/** Lines are gathered up to this many characters (or until the event loop turns) into one write. */
const BATCH_CHARS = 64 * 1024;

/**
 * stdout for results: whole lines per write (never a half-printed line), gathered into one
 * write per turn of the event loop or per 64 KiB (one syscall for many lines; backpressure holds:
 * at most one batch waits here, the rest is the stream's). A closed pipe
 * (`fanout … | head -3`) ends the run quietly; any other write error (`> /dev/full`: ENOSPC)
 * ends it as a write failure, reported once by the caller, never as a stack trace.
 */
export class Output {
  private stopped: OutputStop | undefined;
  private pending = '';
  private scheduled = false;
  private onStop: (stop: OutputStop) => void = () => undefined;
  hooks: WriteHooks | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.halt(error.code === 'EPIPE' ? { kind: 'pipe-closed' } : { kind: 'write-failed', code: error.code ?? error.message }));
  }

  /** Registers what to do when output stops (abort the run). */
  whenStopped(handler: (stop: OutputStop) => void): void {
    this.onStop = handler;
    if (this.stopped) handler(this.stopped);
  }

  /** Stops output (the first reason wins) and tells the run. */
  halt(stop: OutputStop): void {
    if (this.stopped) return;
    this.stopped = stop;
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
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.writePending();
      });
    }
  }

  /** Hands the gathered lines to the stream in one write. */
  private writePending(): void {
    if (this.stopped || this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.hooks?.before();
    this.stream.write(text);
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
      this.stream.write('', () => resolve());
      this.stream.once('error', () => resolve());
    });
  }
}
