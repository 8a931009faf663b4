import type { Transform } from 'node:stream';
import { BodyTooLargeError } from '../errors/body-too-large-error.js';
import type { FanoutError } from '../errors/fanout-error.js';
import { NetworkError } from '../errors/network-error.js';
import { charsetOf } from './content-type.js';

/** Where a transport pours a response body's raw bytes. */
export interface BodyReader {
  /** Takes a raw chunk. `false`: pause the source until `onDrain` is called. */
  write(chunk: Buffer): boolean;
  /** The raw body ended. */
  end(): void;
  /** Stops decoding (the request failed or was aborted); `done` is not called any more. */
  destroy(): void;
}

/** What a body reader needs to know of the response, and whom it answers. */
export interface BodyReaderOptions {
  readonly contentEncoding: string | undefined;
  readonly contentType: string | undefined;
  /** Largest decoded body, in bytes. */
  readonly limit: number;
  /** Called once, with the text or a `BodyTooLargeError` / a `NetworkError` for a corrupt body. */
  readonly done: (error: FanoutError | undefined, text?: string) => void;
  /**
   * Called when a paused source may send again.
   * @default undefined (nobody is told)
   */
  readonly onDrain?: () => void;
}

/** `first`: the first raw bytes, for the outermost coding only. */
export type DecoderFactory = (first: Buffer | undefined) => Transform;

/** A zlib stream header (RFC 1950): deflate method, and the check bits of the first two bytes. */
function isZlibHeader(bytes: Buffer): boolean {
  return bytes.length >= 2 && (bytes.readUInt8(0) & 0x0f) === 8 && bytes.readUInt16BE(0) % 31 === 0;
}

/** `node:zlib`, loaded with the first compressed body rather than at start-up. */
const zlib = () => process.getBuiltinModule('node:zlib');

export const DECODERS: Readonly<Record<string, DecoderFactory>> = {
  gzip: () => zlib().createGunzip(),
  'x-gzip': () => zlib().createGunzip(),
  br: () => zlib().createBrotliDecompress(),
  // RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate: the header tells.
  deflate: (first) => (first === undefined || isZlibHeader(first) ? zlib().createInflate() : zlib().createInflateRaw()),
};
const MAX_ENCODINGS = 5;

/** The decoders of a `Content-Encoding` list, in decoding order; undefined when none apply or one is unknown. */
export function decodingChain(contentEncoding: string | undefined): string[] | undefined {
  if (contentEncoding === undefined) return undefined;
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  if (codings.length === 0 || codings.length > MAX_ENCODINGS || codings.some((coding) => !(coding in DECODERS))) return undefined;
  return codings;
}

/** The text of a body's bytes in `charset` (UTF-8 when unknown or unsupported), a BOM dropped. */
export function toText(chunks: Buffer[], size: number, charset: string | undefined): string {
  const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  let text: string;
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') {
    text = bytes.toString('utf8');
  } else {
    try {
      text = new TextDecoder(charset).decode(bytes);
    } catch {
      text = bytes.toString('utf8');
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Keeps `chunk` unless the body would pass `limit` bytes: the new size, or -1 past the cap. */
export function collectCapped(chunks: Buffer[], size: number, chunk: Buffer, limit: number): number {
  const total = size + chunk.length;
  if (total > limit) return -1;
  chunks.push(chunk);
  return total;
}

/** Collects the decoded bytes under the cap, then gives the text. */
class Collector {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private finished = false;

  constructor(private readonly options: BodyReaderOptions) {}

  /** false once over the cap (and `done` has been called with the error). */
  add(chunk: Buffer): boolean {
    if (this.finished) return false;
    this.size = collectCapped(this.chunks, this.size, chunk, this.options.limit);
    if (this.size >= 0) return true;
    this.fail(new BodyTooLargeError(this.options.limit));
    return false;
  }

  succeed(): void {
    if (this.finished) return;
    this.finished = true;
    this.options.done(undefined, toText(this.chunks, this.size, charsetOf(this.options.contentType)));
  }

  fail(error: FanoutError): void {
    if (this.finished) return;
    this.finished = true;
    this.chunks.length = 0;
    this.options.done(error);
  }

  silence(): void {
    this.finished = true;
    this.chunks.length = 0;
  }
}

/** A body sent as is: chunks collected synchronously. */
class PlainReader implements BodyReader {
  constructor(private readonly collector: Collector) {}

  write(chunk: Buffer): boolean {
    this.collector.add(chunk);
    return true;
  }

  end(): void {
    this.collector.succeed();
  }

  destroy(): void {
    this.collector.silence();
  }
}

/** A compressed body: decoded through zlib as it arrives, the cap counted on decoded bytes. */
class DecodingReader implements BodyReader {
  private stages: Transform[] | undefined;
  private destroyed = false;

  constructor(
    private readonly codings: readonly string[],
    private readonly collector: Collector,
    private readonly onDrain: (() => void) | undefined,
  ) {}

  private start(first: Buffer): Transform {
    const stages = this.codings.map((coding, index) => (DECODERS[coding] as DecoderFactory)(index === 0 ? first : undefined));
    for (let i = 0; i < stages.length; i++) {
      const stage = stages[i] as Transform;
      stage.on('error', (error: Error & { code?: string }) => this.corrupt(error));
      const next = stages[i + 1];
      if (next) stage.pipe(next);
    }
    const last = stages[stages.length - 1] as Transform;
    last.on('data', (chunk: Buffer) => {
      if (!this.collector.add(chunk)) this.destroy();
    });
    last.on('end', () => this.collector.succeed());
    if (this.onDrain) stages[0]?.on('drain', this.onDrain);
    this.stages = stages;
    return stages[0] as Transform;
  }

  private corrupt(error: Error & { code?: string }): void {
    this.collector.fail(
      new NetworkError(error.code ?? 'Z_DATA_ERROR', `Response body could not be decoded (${this.codings.join(', ')}): ${error.message}`, { cause: error }),
    );
    this.destroy();
  }

  write(chunk: Buffer): boolean {
    if (this.destroyed || chunk.length === 0) return true;
    const first = this.stages?.[0] ?? this.start(chunk);
    return first.write(chunk);
  }

  end(): void {
    if (this.destroyed) return;
    if (this.stages === undefined) this.collector.succeed();
    else this.stages[0]?.end();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.collector.silence();
    for (const stage of this.stages ?? []) stage.destroy();
  }
}

/**
 * Reads a response body for every built-in transport alike (http1, HTTP/2 included, undici, axios): gzip, deflate and br decoded (a chain of up
 * to 5; an unknown coding leaves the body as sent), the cap applied to the decoded size (a zip
 * bomb stops at `limit`), the text decoded per the content type's charset (UTF-8 by default,
 * a BOM dropped). An empty body is `''` whatever its encoding says.
 */
export function bodyReader(options: BodyReaderOptions): BodyReader {
  const collector = new Collector(options);
  const codings = decodingChain(options.contentEncoding);
  return codings === undefined ? new PlainReader(collector) : new DecodingReader(codings, collector, options.onDrain);
}
