import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { InputItem } from './input-item.js';
import type { FileMeter } from '../output/progress.js';
import { inputFromLine, withDefaults } from './input-line.js';
import { MAX_LINE_BYTES, numberedLines } from './numbered-lines.js';
import type { RequestDefaults } from './request-defaults.js';

/** Where the inputs come from. */
export interface InputSources {
  readonly urls: readonly string[];
  /** URLs made from `--ids` (posts on the upstream). */
  readonly idUrls?: readonly string[];
  readonly file?: string;
  readonly stdin: Readable;
  /** Told the bytes read of `file` and the inputs in them (for the progress bar). */
  readonly meter?: FileMeter;
}

/** URL arguments and ids are handed on this many at a time. */
const ARGUMENT_BATCH = 1024;

/**
 * All inputs as one lazy stream of batches: URL arguments, then ids, then the file's lines (a
 * batch per chunk read, each line with its number), with the request flags applied. Batches,
 * not single items: a consumer takes an item in a plain loop, and pays one turn of async
 * iteration per chunk instead of one per input.
 */
export async function* inputBatches(sources: InputSources, defaults: RequestDefaults): AsyncGenerator<readonly InputItem[]> {
  for (const urls of [sources.urls, sources.idUrls ?? []]) {
    for (let from = 0; from < urls.length; from += ARGUMENT_BATCH) {
      yield urls.slice(from, from + ARGUMENT_BATCH).map((url) => ({ input: withDefaults(url, defaults) }));
    }
  }
  if (sources.file === undefined) return;
  const stream = sources.file === '-' ? sources.stdin : createReadStream(sources.file);
  const { meter } = sources;
  for await (const lines of numberedLines(stream)) {
    if (meter) {
      meter.bytes = (stream as Readable & { bytesRead?: number }).bytesRead ?? 0;
      meter.inputs += lines.length;
    }
    yield lines.map(({ line, text, overLong }) =>
      overLong === undefined ? inputFromLine(text, line, defaults) : { input: { url: '' }, line, problem: `${overLong} bytes, over the ${MAX_LINE_BYTES} bytes (1 MiB) a line may have: not read` },
    );
  }
}
