import type { Writable } from 'node:stream';
import { whenWritable } from '@fanout/core';

/** Around each stdout write on a shared terminal: the progress bar steps aside, then returns. */
export interface WriteHooks {
  before(): void;
  after(): void;
}

/** Why output stopped: the reader left (`| head`: quiet, exit 0), or a write failed (exit 74). */
export type OutputStop = { kind: 'pipe-closed' } | { kind: 'write-failed'; code: string };

/**
 * stdout for results: whole lines per write (never a half-printed line). A closed pipe
 * (`fanout … | head -3`) ends the run quietly; any other write error (`> /dev/full`: ENOSPC)
 * ends it as a write failure, reported once by the caller, never as a stack trace.
 */
export class Output {
  private stopped: OutputStop | undefined;
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
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.stream.write('', () => resolve());
      this.stream.once('error', () => resolve());
    });
  }
}
