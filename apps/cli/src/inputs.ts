import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { InputItem } from './config.js';
import { inputFromLine, withDefaults } from './request/input-line.js';
import { numberedLines } from './request/numbered-lines.js';
import type { RequestDefaults } from './request/request-defaults.js';

/** Where the inputs come from. */
export interface InputSources {
  readonly urls: readonly string[];
  /** URLs made from `--ids` (posts on the upstream). */
  readonly idUrls?: readonly string[];
  readonly file?: string;
  readonly stdin: Readable;
}

/**
 * All inputs as one lazy stream: URL arguments, then ids, then the file's lines (read as they
 * are needed, each with its line number), with the request flags applied.
 */
export async function* inputItems(sources: InputSources, defaults: RequestDefaults): AsyncGenerator<InputItem> {
  for (const url of sources.urls) yield { input: withDefaults(url, defaults) };
  for (const url of sources.idUrls ?? []) yield { input: withDefaults(url, defaults) };
  if (sources.file === undefined) return;
  const stream = sources.file === '-' ? sources.stdin : createReadStream(sources.file);
  for await (const lines of numberedLines(stream)) for (const { line, text } of lines) yield inputFromLine(text, line, defaults);
}
