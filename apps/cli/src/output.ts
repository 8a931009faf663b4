import type { Writable } from 'node:stream';
import { whenWritable } from '@fanout/core';

/**
 * stdout for results: whole lines per write (never a half-printed line), and a closed pipe
 * (`fanout … | head -3`) ends the run quietly instead of an EPIPE trace.
 */
export class Output {
  private broken = false;

  constructor(
    private readonly stream: Writable,
    onBrokenPipe: () => void,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      if (!this.broken) {
        this.broken = true;
        onBrokenPipe();
      }
    });
  }

  get closed(): boolean {
    return this.broken;
  }

  write(text: string): void {
    if (!this.broken) this.stream.write(text);
  }

  /** Resolves when the stream can take more (stdout's own backpressure), at once if it can. */
  ready(): Promise<void> | undefined {
    return this.broken ? undefined : whenWritable(this.stream);
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    if (this.broken) return Promise.resolve();
    return new Promise((resolve) => this.stream.write('', () => resolve()));
  }
}
