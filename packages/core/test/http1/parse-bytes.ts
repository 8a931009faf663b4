import { ResponseParser } from '../../src/transports/http1/response-parser.js';

/** What the parser made of a response, as plain values. */
export interface Parsed {
  readonly status: number | undefined;
  readonly headers: readonly string[];
  readonly body: string;
  readonly ended: number;
  readonly keepAlive: boolean;
  readonly keepAliveHint: number | undefined;
  /** The code of the error it threw, if it did. */
  readonly error: string | undefined;
}

/**
 * Feeds `pieces` to a fresh parser expecting one response (`head`: to a HEAD request), then
 * tells it the connection ended when `close` is set. Any throw that is not a coded error is
 * re-thrown: the test fails on it.
 */
export function parse(pieces: readonly Buffer[], options: { head?: boolean; close?: boolean } = {}): Parsed {
  let status: number | undefined;
  let headers: string[] = [];
  const body: Buffer[] = [];
  let ended = 0;
  const parser = new ResponseParser({
    head(code, fields) {
      status = code;
      headers = fields.list();
    },
    data(chunk) {
      body.push(Buffer.from(chunk));
    },
    end() {
      ended++;
    },
  });
  parser.expect(options.head === true);
  let error: string | undefined;
  try {
    for (const piece of pieces) parser.execute(piece);
    if (options.close === true) parser.finish();
  } catch (thrown) {
    const code = (thrown as { code?: unknown }).code;
    if (typeof code !== 'string' || (thrown as Error).name !== 'NetworkError') throw thrown;
    error = code;
  }
  return { status, headers, body: Buffer.concat(body).toString('latin1'), ended, keepAlive: parser.keepAlive, keepAliveHint: parser.keepAliveHint, error };
}

/** `bytes` cut at `at` (two pieces). */
export function splitAt(bytes: Buffer, at: number): Buffer[] {
  return [bytes.subarray(0, at), bytes.subarray(at)];
}

/** `bytes` one byte at a time. */
export function byteByByte(bytes: Buffer): Buffer[] {
  return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
}
