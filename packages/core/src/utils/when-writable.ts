import type { Writable } from 'node:stream';

/**
 * `undefined` when `stream` can take more data now; otherwise a promise that resolves on its
 * next `drain`, or when it closes or fails (a gone reader must not hang the writer). Pair it
 * with {@link paced} so a slow reader slows the pulling of inputs.
 *
 * @example
 * fanout(paced(urls, () => whenWritable(res))).subscribe((r) => res.write(JSON.stringify(r) + '\n'));
 */
export function whenWritable(stream: Writable): Promise<void> | undefined {
  if (!stream.writableNeedDrain || stream.destroyed) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}
