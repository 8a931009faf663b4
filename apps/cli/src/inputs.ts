import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { paced, readLines } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';

/** Where the inputs come from. */
export interface InputSources {
  readonly urls: readonly string[];
  readonly ids?: readonly number[];
  readonly baseUrl?: string;
  readonly file?: string;
  readonly stdin: Readable;
}

/**
 * All inputs as one lazy stream: URL arguments, then ids, then the file's lines (read as they
 * are needed). Each input waits for `ready()` first, so a slow stdout slows the pulling.
 */
export function inputStream(sources: InputSources, ready: () => Promise<void> | undefined): AsyncGenerator<string> {
  const all = async function* () {
    yield* sources.urls;
    if (sources.ids && sources.baseUrl !== undefined) for (const id of sources.ids) yield postUrl(sources.baseUrl, id);
    if (sources.file !== undefined) {
      const stream = sources.file === '-' ? sources.stdin : createReadStream(sources.file);
      yield* readLines(stream);
    }
  };
  return paced(all(), ready);
}
