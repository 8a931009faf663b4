import type { OnReadOpts, Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Http1Connection } from '../../src/transports/http1/connection.js';
import type { PendingRequest } from '../../src/transports/http1/pending-request.js';
import type { TransportRequest, TransportResponse } from '../../src/transports/transport.js';
import { WholeBodyHandler } from '../../src/transports/whole-body-handler.js';

/**
 * A connection reads into one buffer that the next read (on any connection) overwrites. Here the
 * reads are made by hand, as Node makes them: bytes copied into the buffer the connection gave,
 * then its callback; after each read the buffer is filled with garbage, as the next read of
 * another socket would. Whatever the connection keeps across reads (an unfinished head, a body
 * that goes on, bytes a decoder has not taken yet) must come out intact.
 */
function connectionOverHand(): { connection: Http1Connection; read(bytes: Buffer): void; end(): void } {
  let onread: OnReadOpts | undefined;
  const socket = Object.assign(new PassThrough(), { readyState: 'open', ref() {}, unref() {}, setNoDelay() {} });
  const connection = new Http1Connection(
    (options) => {
      onread = options;
      return socket as unknown as Socket;
    },
    { released() {}, removed() {}, replay() {} },
    4000,
  );
  const buffer = (onread as OnReadOpts).buffer as Uint8Array;
  return {
    connection,
    read(bytes) {
      buffer.set(bytes);
      (onread as OnReadOpts).callback(bytes.length, buffer);
      buffer.fill(0x58); // 'X': the next read, elsewhere
    },
    end() {
      socket.emit('end');
    },
  };
}

function send(connection: Http1Connection): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const req: TransportRequest = {
      url: 'http://127.0.0.1/x',
      method: 'GET',
      maxBodyBytes: 1 << 20,
      followRedirects: false,
      get signal(): AbortSignal {
        return new AbortController().signal;
      },
      onAbort: () => () => {},
    };
    const handler = new WholeBodyHandler(req, resolve, reject, (error) => error);
    const request: PendingRequest = { req, handler, head: 'GET /x HTTP/1.1\r\n\r\n', body: undefined, aborted: undefined, replayed: false, carrier: undefined };
    handler.onConnect(() => {});
    connection.send(request);
  });
}

/** `bytes` in pieces of `size`. */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

const BODY = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(40);

interface Case {
  readonly name: string;
  readonly bytes: Buffer;
  /** The body ends with the connection. */
  readonly close?: boolean;
}

const CASES: readonly Case[] = [
  { name: 'a Content-Length body', bytes: Buffer.from(`HTTP/1.1 200 OK\r\nX-Check: kept\r\nContent-Type: text/plain\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`) },
  { name: 'a chunked body', bytes: Buffer.from(`HTTP/1.1 200 OK\r\nX-Check: kept\r\nTransfer-Encoding: chunked\r\n\r\n${BODY.length.toString(16)}\r\n${BODY}\r\n0\r\n\r\n`) },
  { name: 'a body to the end of the connection', bytes: Buffer.from(`HTTP/1.1 200 OK\r\nX-Check: kept\r\nConnection: close\r\n\r\n${BODY}`), close: true },
  {
    name: 'a gzip body',
    bytes: Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nX-Check: kept\r\nContent-Encoding: gzip\r\nContent-Length: ${gzipSync(BODY).length}\r\n\r\n`), gzipSync(BODY)]),
  },
];

describe('http1: the read buffer is reused after every read', () => {
  describe.each(CASES)('$name', ({ bytes, close }) => {
    it.each([1, 7, 100, 1000])('comes out intact read %i bytes at a time', async (size) => {
      const { connection, read, end } = connectionOverHand();
      const response = send(connection);
      for (const piece of pieces(bytes, size)) read(piece);
      if (close === true) end();
      const { status, body, header } = await response;
      expect({ status, body }).toEqual({ status: 200, body: BODY });
      // The head was copied out too: the headers read back as they came, after the buffer was overwritten.
      expect(header('x-check')).toBe('kept');
    });
  });
});
