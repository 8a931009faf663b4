import { describe, expect, it } from 'vitest';
import { byteByByte, parse, splitAt } from './parse-bytes.js';

const OK = 'HTTP/1.1 200 OK\r\n';
const CHUNKED = `${OK}Transfer-Encoding: chunked\r\n\r\n`;

/** Each is malformed by the time its last byte is in: the parser must say so then, with that code, however the bytes came. */
const CASES: readonly (readonly [name: string, bytes: string, code: string])[] = [
  ['a status code of two digits', 'HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n', 'EPROTO'],
  ['a status code of four digits', 'HTTP/1.1 2000 OK\r\n\r\n', 'EPROTO'],
  ['a status code below 100', 'HTTP/1.1 099 Odd\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', 'EPROTO'],
  ['no space after the status code', 'HTTP/1.1 200OK\r\n\r\n', 'EPROTO'],
  ['another protocol', 'HTTP/2.0 200 OK\r\n\r\n', 'EPROTO'],
  ['lower-case protocol name', 'http/1.1 200 OK\r\n\r\n', 'EPROTO'],
  ['no status line at all', 'Content-Length: 0\r\n\r\n', 'EPROTO'],
  ['an HTML page instead of a response, the connection left open', '<html><body>hello</body></html>', 'EPROTO'],
  ['line ends without CR, the connection left open', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok', 'EPROTO'],
  ['a bare LF in a header line, the head unfinished', `${OK}X: a\nY: b\r\n`, 'EPROTO'],
  ['a control character in the reason phrase', 'HTTP/1.1 200 O\u0001K\r\n\r\n', 'EPROTO'],
  ['a folded header line (obs-fold)', `${OK}X-Folded: a\r\n  b\r\nContent-Length: 0\r\n\r\n`, 'EPROTO'],
  ['a header line without a colon', `${OK}NoColonHere\r\nContent-Length: 0\r\n\r\n`, 'EPROTO'],
  ['a space before the colon', `${OK}Content-Length : 0\r\n\r\n`, 'EPROTO'],
  ['an empty header name', `${OK}: value\r\n\r\n`, 'EPROTO'],
  ['a NUL in a header value', `${OK}X: a\u0000b\r\nContent-Length: 0\r\n\r\n`, 'EPROTO'],
  ['a lone CR in a header value', `${OK}X: a\rb\r\nContent-Length: 0\r\n\r\n`, 'EPROTO'],
  ['DEL in a header value', `${OK}X: a\u007fb\r\nContent-Length: 0\r\n\r\n`, 'EPROTO'],
  ['two different Content-Lengths', `${OK}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`, 'EPROTO'],
  ['a Content-Length list that disagrees', `${OK}Content-Length: 5, 6\r\n\r\nhello!`, 'EPROTO'],
  ['a negative Content-Length', `${OK}Content-Length: -1\r\n\r\n`, 'EPROTO'],
  ['a Content-Length that is not a number', `${OK}Content-Length: 1e3\r\n\r\n`, 'EPROTO'],
  ['a chunk size that is not hexadecimal', `${CHUNKED}zz\r\nhello\r\n0\r\n\r\n`, 'EPROTO'],
  ['an empty chunk size line', `${CHUNKED}\r\nhello\r\n0\r\n\r\n`, 'EPROTO'],
  ['a chunk size with a sign', `${CHUNKED}+5\r\nhello\r\n0\r\n\r\n`, 'EPROTO'],
  ['a chunk size past 2^52', `${CHUNKED}fffffffffffffff\r\n`, 'EPROTO'],
  ['chunk data not followed by CRLF', `${CHUNKED}5\r\nhelloX\r\n0\r\n\r\n`, 'EPROTO'],
  ['a control character in a chunk extension', `${CHUNKED}5;a\u0000b\r\nhello\r\n0\r\n\r\n`, 'EPROTO'],
  ['a chunk size line over 1 KiB', `${CHUNKED}5;${'x'.repeat(1100)}`, 'EPROTO'],
  ['a trailer line without a colon', `${CHUNKED}2\r\nok\r\n0\r\nNoColon\r\n\r\n`, 'EPROTO'],
  ['101 Switching Protocols to a plain request', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n', 'EPROTO'],
  ['a head over 16 KiB, unfinished', `${OK}X-Big: ${'a'.repeat(17 * 1024)}`, 'EHEADERSOVERFLOW'],
  ['a head over 16 KiB, complete', `${OK}X-Big: ${'a'.repeat(17 * 1024)}\r\nContent-Length: 0\r\n\r\n`, 'EHEADERSOVERFLOW'],
  ['trailers over 16 KiB', `${CHUNKED}0\r\n${'X-T: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(400)}\r\n`, 'EHEADERSOVERFLOW'],
];

describe('response parser: a malformed response is a NetworkError with a code, never a throw of anything else nor a wait for more bytes', () => {
  it.each(CASES.map(([name, text, code]) => ({ name, text, code })))('$name → $code', ({ text, code }) => {
    const bytes = Buffer.from(text, 'latin1');
    const expected = expect.objectContaining({ error: code, ended: 0 });
    expect(parse([bytes])).toEqual(expected);
    // Every split point: large inputs are split at a sample of points (the result may not depend on where).
    const step = bytes.length > 2000 ? 97 : 1;
    for (let at = 0; at <= bytes.length; at += step) expect(parse(splitAt(bytes, at)), `split at ${at}`).toEqual(expected);
    expect(parse(byteByByte(bytes))).toEqual(expected);
  });
});
