import { pipeline, Readable } from 'node:stream';
import { NetworkError } from '../errors/network-error.js';
import { DECODERS, decodingChain, type DecoderFactory } from './body-reader.js';

/** The chunks of `body` through the zlib stages of its codings (made at the first chunk: deflate sniffs it). */
async function* decoded(body: Readable, codings: readonly string[]): AsyncGenerator<Buffer> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  if (first.done) return;
  const stages = codings.map((coding, index) => (DECODERS[coding] as DecoderFactory)(index === 0 ? first.value : undefined));
  async function* raw(): AsyncGenerator<Buffer> {
    yield first.value;
    for (let step = await chunks.next(); !step.done; step = await chunks.next()) yield step.value;
  }
  const source = Readable.from(raw());
  const out = pipeline([source, ...stages], () => undefined) as unknown as Readable;
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } catch (error) {
    const { code, message } = error as Error & { code?: string };
    if (code?.startsWith('Z_')) throw new NetworkError(code, `Response body could not be decoded (${codings.join(', ')}): ${message}`, { cause: error });
    throw error;
  } finally {
    source.destroy();
    for (const stage of stages) stage.destroy();
  }
}

/** `body`'s chunks with the transport's error mapping applied. */
async function* mapped(body: AsyncIterable<Buffer>, mapError: (error: unknown) => unknown): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw mapError(error);
  }
}

/**
 * A response body for streaming (the `sink`): its `Content-Encoding` undone with the same
 * decoders as the body reader (gzip, deflate or raw deflate, br, a chain of up to 5; an unknown
 * coding leaves the bytes as sent), a corrupt body a `NetworkError` with the zlib code, and
 * errors of the transport mapped by `mapError`. Destroying the result frees the connection.
 */
export function decodedBody(body: Readable, contentEncoding: string | undefined, mapError: (error: unknown) => unknown): Readable {
  // An error before the reader starts (a reset right after the headers) must not be unhandled:
  // it stays on the stream, and reading it throws it.
  body.on('error', () => undefined);
  const codings = decodingChain(contentEncoding);
  const chunks = mapped(codings === undefined ? (body as AsyncIterable<Buffer>) : decoded(body, codings), mapError);
  const outer = Readable.from(chunks, { objectMode: false });
  outer.once('close', () => {
    if (!body.destroyed) body.destroy();
  });
  return outer;
}
