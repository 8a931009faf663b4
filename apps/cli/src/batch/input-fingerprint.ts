import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { UpstreamChoice } from '../inputs/upstream-choice.js';

/** The inputs of a run, as given on the command line. */
export interface BatchSources {
  readonly urls: readonly string[];
  readonly ids?: readonly number[];
  readonly file?: string;
  readonly stdin: Readable;
}

/** How much of a stream (stdin, a pipe) is fingerprinted: a stream cannot be read twice. */
export const STREAM_PREFIX_BYTES = 64 * 1024;

/** What identifies an input list, and the sources to run (a stream replayed after its peek). */
export interface Fingerprinted {
  /** `sha256:<hex>` of the list. */
  readonly fingerprint: string;
  /** What was fingerprinted, for people: `3 URLs, --file urls.txt (whole file)`. */
  readonly describes: string;
  readonly sources: BatchSources;
  /** More than the list can hold: its exact length for URLs and ids, a file's size in bytes + 1, 2^32 for a stream. */
  readonly maxInputs: number;
}

/** The most inputs a stream's journal records are taken for (its length is not known ahead). */
const STREAM_MAX_INPUTS = 2 ** 32;

async function hashFile(path: string, hash: ReturnType<typeof createHash>): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/** Reads up to `limit` bytes of `stream`; returns them and a stream that yields everything, them included. */
async function peek(stream: Readable, limit: number): Promise<{ head: Buffer; replay: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < limit) {
    const step = await iterator.next();
    if (step.done) {
      ended = true;
      break;
    }
    const chunk = typeof step.value === 'string' ? Buffer.from(step.value) : step.value;
    chunks.push(chunk);
    size += chunk.length;
  }
  const all = Buffer.concat(chunks, size);
  async function* replay(): AsyncGenerator<Buffer> {
    if (all.length > 0) yield all;
    if (ended) return;
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      yield typeof step.value === 'string' ? Buffer.from(step.value) : step.value;
    }
  }
  return { head: all.subarray(0, limit), replay: Readable.from(replay(), { objectMode: false }) };
}

/**
 * Fingerprints the input list of a run, so that a journal is only ever resumed with the list
 * it was written for: the URL arguments, the `--ids` (and `--base-url`/`--live`, not the
 * embedded upstream's port, which changes every run), and `--file`: the whole content of a
 * regular file, or the first 64 KiB of stdin or a pipe (read now and replayed to the run).
 */
export async function fingerprintInputs(sources: BatchSources, upstream: UpstreamChoice): Promise<Fingerprinted> {
  const hash = createHash('sha256');
  const parts: string[] = [];
  hash.update(`urls\n${sources.urls.join('\n')}\n`);
  if (sources.urls.length > 0) parts.push(`${sources.urls.length} URLs`);
  if (sources.ids !== undefined) {
    hash.update(`ids\n${sources.ids.join(',')}\n${upstream.kind === 'url' ? upstream.url : 'embedded'}\n`);
    parts.push(`${sources.ids.length} ids`);
  }
  let result: BatchSources = sources;
  let maxInputs = sources.urls.length + (sources.ids?.length ?? 0);
  if (sources.file !== undefined) {
    const stats = sources.file === '-' ? undefined : statSync(sources.file);
    const regular = stats?.isFile() ?? false;
    maxInputs += regular && stats ? stats.size + 1 : STREAM_MAX_INPUTS;
    hash.update(`file\n`);
    if (regular) {
      await hashFile(sources.file, hash);
      parts.push(`--file ${sources.file} (whole file)`);
    } else {
      const stream = sources.file === '-' ? sources.stdin : createReadStream(sources.file);
      const { head, replay } = await peek(stream, STREAM_PREFIX_BYTES);
      hash.update(head);
      parts.push(`${sources.file === '-' ? 'stdin' : sources.file} (first ${STREAM_PREFIX_BYTES / 1024} KiB)`);
      result = { ...sources, file: '-', stdin: replay };
    }
  }
  return { fingerprint: `sha256:${hash.digest('hex')}`, describes: parts.join(', ') || 'no inputs', sources: result, maxInputs };
}
