import type { Readable } from 'node:stream';

/** What `for await` throws for a stream destroyed before its end without an error. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * Reads a stream chunk by chunk, as `for await (const chunk of stream)` does (same end, same
 * errors), without a promise per chunk: `take()` gives a buffered chunk at once, and only an
 * empty buffer costs a promise (`next()`). A download of 500 × 1 MB is 2,000 to 8,000
 * reads (256 to 64 KiB): as many async-iterator steps (a promise, a result object and a
 * generator resume each) fewer.
 */
export class ChunkReader {
  private wake: (() => void) | undefined;
  private readonly onEvent = (): void => {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  };

  constructor(private readonly stream: Readable) {
    for (const event of EVENTS) stream.on(event, this.onEvent);
  }

  /**
   * The next chunk when one is buffered, `null` at the end of the stream, `undefined` when none
   * is buffered yet (then wait with `next()`). Throws the stream's error.
   */
  take(): unknown {
    const stream = this.stream;
    if (stream.errored) throw stream.errored;
    const chunk: unknown = stream.destroyed ? null : stream.read();
    if (chunk !== null) return chunk;
    if (stream.readableEnded) return null;
    if (stream.destroyed) throw prematureClose();
    return undefined;
  }

  /** The next chunk, or `null` at the end, waiting for it when needed. */
  async next(): Promise<unknown> {
    for (;;) {
      const chunk = this.take();
      if (chunk !== undefined) return chunk;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stops listening to the stream. */
  stop(): void {
    for (const event of EVENTS) this.stream.off(event, this.onEvent);
    this.onEvent();
  }
}

/** Whatever may change what `take()` returns. */
const EVENTS = ['readable', 'end', 'error', 'close'] as const;
