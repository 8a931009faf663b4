import type { Writable } from 'node:stream';

/**
 * Ends the process with `code` as soon as everything written to `streams` has been handed to
 * the OS. Nothing else may hold it: not keep-alive sockets, not a paused stdin, and not V8
 * still optimising a WebAssembly module (undici's parser) on a background thread, which a natural exit
 * waits for (0.1-0.3 s after a one-URL run). It looks one turn of the event loop later, so that
 * a write error already raised (`--help > /dev/full`) is handled first, with its own exit code.
 */
export function exitWhenWritten(code: number, streams: readonly Writable[]): void {
  setImmediate(() => {
    let waiting = streams.length + 1;
    const written = () => {
      if (--waiting === 0) process.exit(code);
    };
    for (const stream of streams) {
      if (stream.writableLength === 0 || !stream.writable) written();
      else stream.write('', written);
    }
    written();
  });
}
