import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const DECODERS: Readonly<Record<string, () => NodeJS.ReadWriteStream>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The body stream with its `Content-Encoding` undone (gzip, deflate, br, in the order the
 * server applied them); an error anywhere, or destroying the result, destroys the whole chain.
 * An unknown coding leaves the bytes as they came.
 */
export function decodedBody(body: Readable, contentEncoding: string | undefined): Readable {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0 || !codings.every((coding) => coding in DECODERS)) return body;
  const decoders = codings.reverse().map((coding) => (DECODERS[coding] as () => NodeJS.ReadWriteStream)());
  const streams: NodeJS.ReadWriteStream[] = decoders;
  return pipeline(body, ...(streams as [NodeJS.ReadWriteStream]), () => undefined) as unknown as Readable;
}

/** The `Accept-Encoding` a streaming request sends: the codings `decodedBody` undoes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';
