import { describe, expect, it } from 'vitest';
import { byteByByte, parse, splitAt, type Parsed } from './parse-bytes.js';

interface Case {
  readonly name: string;
  readonly bytes: string;
  readonly head?: boolean;
  /** The server closes the connection after the bytes (a close-delimited body). */
  readonly close?: boolean;
  readonly expected: Omit<Parsed, 'error'>;
}

const CASES: readonly Case[] = [
  {
    name: 'Content-Length body',
    bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Long:  a value with spaces \t\r\nEmpty:\r\n\r\nhello',
    expected: { status: 200, headers: ['Content-Length', '5', 'X-Long', 'a value with spaces', 'Empty', ''], body: 'hello', ended: 1, keepAlive: true, keepAliveHint: undefined },
  },
  {
    name: 'chunked body with extensions and trailers',
    bytes:
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5;name=value;quoted="a b"\r\nhello\r\n1A ; ext\r\nabcdefghijklmnopqrstuvwxyz\r\n00001\r\n!\r\n0;last\r\nX-Checksum: 1\r\nY: 2\r\n\r\n',
    expected: { status: 200, headers: ['Transfer-Encoding', 'chunked'], body: 'helloabcdefghijklmnopqrstuvwxyz!', ended: 1, keepAlive: true, keepAliveHint: undefined },
  },
  {
    name: 'body until the connection closes',
    bytes: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nread to the end',
    close: true,
    expected: { status: 200, headers: ['Content-Type', 'text/plain'], body: 'read to the end', ended: 1, keepAlive: false, keepAliveHint: undefined },
  },
  {
    name: '1xx responses before the final one',
    bytes: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
    expected: { status: 201, headers: ['Content-Length', '2'], body: 'ok', ended: 1, keepAlive: true, keepAliveHint: undefined },
  },
  {
    name: 'HEAD response with a Content-Length',
    bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n',
    head: true,
    expected: { status: 200, headers: ['Content-Length', '1000'], body: '', ended: 1, keepAlive: true, keepAliveHint: undefined },
  },
  {
    name: '204 No Content',
    bytes: 'HTTP/1.1 204 No Content\r\nX: y\r\n\r\n',
    expected: { status: 204, headers: ['X', 'y'], body: '', ended: 1, keepAlive: true, keepAliveHint: undefined },
  },
  {
    name: '304 Not Modified with the Content-Length of the representation',
    bytes: 'HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\nETag: "x"\r\n\r\n',
    expected: { status: 304, headers: ['Content-Length', '50', 'ETag', '"x"'], body: '', ended: 1, keepAlive: true, keepAliveHint: undefined },
  },
  {
    name: 'HTTP/1.0 keep-alive with a timeout hint',
    bytes: 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: 3\r\n\r\nabc',
    expected: { status: 200, headers: ['Connection', 'Keep-Alive', 'Keep-Alive', 'timeout=5, max=100', 'Content-Length', '3'], body: 'abc', ended: 1, keepAlive: true, keepAliveHint: 5000 },
  },
  {
    name: 'Connection: close',
    bytes: 'HTTP/1.1 200 OK\r\nconnection: upgrade, close\r\nContent-Length: 2\r\n\r\nok',
    expected: { status: 200, headers: ['connection', 'upgrade, close', 'Content-Length', '2'], body: 'ok', ended: 1, keepAlive: false, keepAliveHint: undefined },
  },
  {
    name: 'both Content-Length and chunked (chunked wins, no reuse)',
    bytes: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
    expected: { status: 200, headers: ['Content-Length', '100', 'Transfer-Encoding', 'chunked'], body: 'ok', ended: 1, keepAlive: false, keepAliveHint: undefined },
  },
];

describe('response parser: a response reads the same however the bytes are split', () => {
  it.each(CASES)('$name', ({ bytes, head, close, expected }) => {
    const whole = Buffer.from(bytes, 'latin1');
    const options = { head, close };
    expect(parse([whole], options)).toEqual({ ...expected, error: undefined });
    for (let at = 0; at <= whole.length; at++) expect(parse(splitAt(whole, at), options), `split at ${at}`).toEqual({ ...expected, error: undefined });
    expect(parse(byteByByte(whole), options)).toEqual({ ...expected, error: undefined });
  });
});
