import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { readLines } from '@fanout/core';

/** Where the inputs come from. */
export interface InputSources {
  readonly urls: readonly string[];
  readonly ids?: readonly number[];
  readonly baseUrl?: string;
  readonly file?: string;
  readonly stdin: Readable;
}

/** URL of a post on a jsonplaceholder-compatible upstream. */
export function postUrl(baseUrl: string, id: number): string {
  return `${baseUrl}/posts/${id}`;
}

/**
 * All inputs as one lazy stream: URL arguments, then ids, then the file's lines (read as they
 * are needed). Each input waits for `ready()` first, so a slow stdout slows the pulling.
 */
export async function* inputStream(sources: InputSources, ready: () => Promise<void> | undefined): AsyncGenerator<string> {
  const all = async function* () {
    yield* sources.urls;
    if (sources.ids && sources.baseUrl !== undefined) for (const id of sources.ids) yield postUrl(sources.baseUrl, id);
    if (sources.file !== undefined) {
      const stream = sources.file === '-' ? sources.stdin : createReadStream(sources.file);
      yield* readLines(stream);
    }
  };
  for await (const url of all()) {
    await ready();
    yield url;
  }
}
