import { bytesAre } from '../raw-headers.js';
import { HeadFields } from './head-fields.js';
import { protocolError } from './protocol-error.js';

/** What the parser tells its connection, in order: one `head`, any `data`, then `end`. */
export interface ResponseEvents {
  /** The final (non-1xx) status and its header fields (a copy: the received bytes may be reused). */
  head(status: number, fields: HeadFields): void;
  /**
   * Body bytes (chunked framing removed): a view on the received bytes, which may be reused once
   * `execute` returns. `last` when they end a `Content-Length` body: `end` follows within the
   * same `execute`.
   */
  data(chunk: Buffer, last: boolean): void;
  /** The response is complete. */
  end(): void;
}

/** Largest status line + headers (and trailers) taken, as Node's own default. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** Longest chunk-size line (size and extensions). */
const MAX_CHUNK_LINE = 1024;

const enum State {
  Head,
  Fixed,
  ChunkSize,
  ChunkData,
  ChunkEnd,
  Trailers,
  UntilClose,
  Done,
}

/** RFC 9110 token characters, the only ones a header name may have. */
const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TOKEN[c.charCodeAt(0)] = 1;

const CR = 13;
const LF = 10;
const SP = 32;
const HT = 9;

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/** Bytes of a field value: visible ASCII, space, tab and obs-text; no CR, LF, NUL or other controls. */
function validValue(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if ((c < SP && c !== HT) || c === 127) return false;
  }
  return true;
}

/** The blank line that ends a head, and a line end (needles as bytes: no string to encode per search). */
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CRLF = Buffer.from('\r\n', 'latin1');

/** What an unfinished head must start with. */
const STATUS_PREFIX = Buffer.from('HTTP/1.', 'latin1');

/** Up to 40 bytes of the line at `start` (to its CR or LF), quoted: what an error shows of a bad line. */
function quoteLine(buf: Buffer, start: number, end: number): string {
  let stop = Math.min(end, start + 40);
  for (let i = start; i < stop; i++) {
    if (buf[i] === CR || buf[i] === LF) stop = i;
  }
  return JSON.stringify(buf.toString('latin1', start, stop));
}

/**
 * Throws when the unfinished head in `buf[start..]` can already not be one: it does not start
 * as a status line does, or a line in it (looked for from `from`, the bytes new since the last
 * look) ends in a bare LF. Without it, a server that sends a web page or LF-only lines and keeps
 * the connection open would leave the request waiting for a blank line that never comes.
 */
function checkUnfinishedHead(buf: Buffer, start: number, from: number): void {
  const have = Math.min(buf.length - start, STATUS_PREFIX.length);
  for (let i = 0; i < have; i++) {
    if (buf[start + i] !== STATUS_PREFIX[i]) throw protocolError(`status line ${quoteLine(buf, start, buf.length)}`);
  }
  for (let lf = buf.indexOf(LF, from); lf !== -1; lf = buf.indexOf(LF, lf + 1)) {
    if (lf === start || buf[lf - 1] !== CR) throw protocolError('a line of the head ends in LF without CR');
  }
}

/**
 * Checks the syntax of the field line at `start` up to its colon (`name:`, no fold); returns the
 * colon's index. The line ends by `end` (a CR is no token character, so the name stops there).
 */
function fieldLineColon(buf: Buffer, start: number, end: number): number {
  const first = buf[start];
  if (first === SP || first === HT) throw protocolError('folded header line (obs-fold)');
  let colon = start;
  while (colon < end && TOKEN[buf[colon] as number] === 1) colon++;
  if (colon === start || colon === end || buf[colon] !== 58) throw protocolError(`header line ${quoteLine(buf, start, end)}`);
  return colon;
}

/**
 * The index of the CRLF that ends the line whose value starts at `start`, or -1 when a byte
 * before it is one a field value may not have (a control other than tab, DEL, a bare CR). The
 * caller knows a CRLF follows (the head's end).
 */
function valueEnd(buf: Buffer, start: number): number {
  for (let i = start; ; i++) {
    const c = buf[i] as number;
    if (c === CR) return buf[i + 1] === LF ? i : -1;
    if ((c < SP && c !== HT) || c === 127) return -1;
  }
}

/** `buf[start, end)` as a number when it is 1 to 15 digits and nothing else (a Content-Length as nearly every server sends it). */
function digitsValue(buf: Buffer, start: number, end: number): number | undefined {
  if (end <= start || end - start > 15) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  return value;
}

/**
 * `text` without the optional whitespace (OWS: SP and HTAB only, RFC 9110 §5.6.3) at its ends.
 * Not `trim()`: that also takes NBSP (0xA0, obs-text in a field) and other Unicode spaces, which
 * would let `Content-Length: 5\xA0` through as 5 where other parsers refuse it.
 */
function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === SP || text.charCodeAt(start) === HT)) start++;
  while (end > start && (text.charCodeAt(end - 1) === SP || text.charCodeAt(end - 1) === HT)) end--;
  return text.slice(start, end);
}

/**
 * The transfer codings of a `Transfer-Encoding` value (repeated fields joined by `,`), lower case,
 * empty list elements dropped (RFC 9110 §5.6.1: `chunked,` and `, chunked` are `chunked`).
 */
function transferCodings(value: string): string[] {
  const codings: string[] = [];
  for (const element of value.split(',')) {
    const coding = trimOws(element).toLowerCase();
    if (coding !== '') codings.push(coding);
  }
  return codings;
}

/** A Content-Length value: digits, or a list of equal digit strings (RFC 9110 §8.6); -1 when invalid. */
function contentLengthOf(text: string): number {
  let length = -1;
  for (const part of text.split(',')) {
    const digits = trimOws(part);
    if (!/^\d{1,15}$/.test(digits)) return -1;
    const value = Number(digits);
    if (length !== -1 && value !== length) return -1;
    length = value;
  }
  return length;
}

/**
 * An incremental HTTP/1.1 response parser (RFC 9112) for a client that sends one request at a
 * time on a connection: status line and headers, then the body framed by `Transfer-Encoding:
 * chunked`, `Content-Length` or the end of the connection. Strict where leniency lets a response
 * be read two ways (conflicting lengths, folded or malformed header lines, bad chunk sizes):
 * those throw `EPROTO`. Informational (1xx) responses are skipped. The bytes given to `execute`
 * may be reused once it returns: the head's fields are copied out (one string), an unfinished
 * part kept for the next call is copied, body chunks are views for the handler to copy if it
 * keeps them.
 */
export class ResponseParser {
  private state = State.Done;
  private pending: Buffer | undefined;
  private remaining = 0;
  private trailerBytes = 0;
  private bodyless = false;
  /** Whether the connection may carry another request after this response (valid once it ended). */
  keepAlive = true;
  /** The server's `Keep-Alive: timeout=N`, in milliseconds, if it sent one. */
  keepAliveHint: number | undefined;
  /** Whether any byte of the current response has arrived. */
  started = false;

  constructor(private readonly events: ResponseEvents) {}

  /** Expects the response to a new request; `head` for a HEAD request (no body whatever the headers say). */
  expect(head: boolean): void {
    this.state = State.Head;
    this.pending = undefined;
    this.bodyless = head;
    this.keepAlive = true;
    this.keepAliveHint = undefined;
    this.started = false;
    this.trailerBytes = 0;
  }

  /** Whether a response is expected or being read. */
  get active(): boolean {
    return this.state !== State.Done;
  }

  /** Takes received bytes; throws a `NetworkError` when the response is malformed. */
  execute(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.state === State.Done) {
      // Bytes nobody asked for: the connection is out of step, never reuse it.
      this.keepAlive = false;
      return;
    }
    this.started = true;
    let buf = chunk;
    if (this.pending !== undefined) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    let pos = 0;
    const length = buf.length;
    while (pos < length) {
      switch (this.state) {
        case State.Head: {
          const end = buf.indexOf(HEAD_END, pos);
          if (end === -1 || end - pos > MAX_HEAD_BYTES) {
            if (length - pos > MAX_HEAD_BYTES) throw protocolError(`status line and headers over ${MAX_HEAD_BYTES} bytes`, 'EHEADERSOVERFLOW');
            checkUnfinishedHead(buf, pos, Math.max(pos, length - chunk.length));
            this.keep(buf, pos, chunk);
            return;
          }
          const bodyless = this.parseHead(buf, pos, end);
          pos = end + 4;
          if (bodyless) return this.complete(pos < length);
          break;
        }
        case State.Fixed:
        case State.ChunkData: {
          const take = Math.min(this.remaining, length - pos);
          this.events.data(buf.subarray(pos, pos + take), this.state === State.Fixed && take === this.remaining);
          pos += take;
          this.remaining -= take;
          if (this.remaining === 0) {
            if (this.state === State.ChunkData) this.state = State.ChunkEnd;
            else return this.complete(pos < length);
          }
          break;
        }
        case State.ChunkEnd: {
          if (length - pos < 2) {
            this.keep(buf, pos, chunk);
            return;
          }
          if (buf[pos] !== CR || buf[pos + 1] !== LF) throw protocolError('chunk data not followed by CRLF');
          pos += 2;
          this.state = State.ChunkSize;
          break;
        }
        case State.ChunkSize: {
          const eol = buf.indexOf(CRLF, pos);
          if (eol === -1 || eol - pos > MAX_CHUNK_LINE) {
            if (length - pos > MAX_CHUNK_LINE) throw protocolError('chunk size line too long');
            this.keep(buf, pos, chunk);
            return;
          }
          const size = this.chunkSize(buf, pos, eol);
          pos = eol + 2;
          if (size === 0) this.state = State.Trailers;
          else {
            this.remaining = size;
            this.state = State.ChunkData;
          }
          break;
        }
        case State.Trailers: {
          const eol = buf.indexOf(CRLF, pos);
          if (eol === -1) {
            if (this.trailerBytes + length - pos > MAX_HEAD_BYTES) throw protocolError(`trailers over ${MAX_HEAD_BYTES} bytes`, 'EHEADERSOVERFLOW');
            this.keep(buf, pos, chunk);
            return;
          }
          if (eol === pos) return this.complete(eol + 2 < length);
          const colon = fieldLineColon(buf, pos, eol);
          if (!validValue(buf, colon + 1, eol)) throw protocolError(`control character in trailer ${buf.toString('latin1', pos, colon)}`);
          this.trailerBytes += eol + 2 - pos;
          if (this.trailerBytes > MAX_HEAD_BYTES) throw protocolError(`trailers over ${MAX_HEAD_BYTES} bytes`, 'EHEADERSOVERFLOW');
          pos = eol + 2;
          break;
        }
        case State.UntilClose:
          this.events.data(pos === 0 ? buf : buf.subarray(pos), false);
          return;
      }
    }
  }

  /**
   * The server closed its side: ends a body read to the end of the connection. Whether the
   * response is complete now (a cut-short one is the connection's to report).
   */
  finish(): boolean {
    if (this.state === State.UntilClose) {
      this.complete(false);
      return true;
    }
    return this.state === State.Done;
  }

  /**
   * Keeps `buf[pos..]` for the next `execute`: a copy when `buf` is the caller's `chunk` (it may
   * be reused), a view when it is the parser's own (an earlier rest joined with `chunk`).
   */
  private keep(buf: Buffer, pos: number, chunk: Buffer): void {
    this.pending = buf === chunk ? Buffer.from(buf.subarray(pos)) : buf.subarray(pos);
  }

  private complete(extraBytes: boolean): void {
    if (extraBytes) this.keepAlive = false;
    this.state = State.Done;
    this.pending = undefined;
    this.events.end();
  }

  private chunkSize(buf: Buffer, start: number, end: number): number {
    let size = 0;
    let i = start;
    for (; i < end; i++) {
      const c = buf[i] as number;
      const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (digit === -1) break;
      if (i - start >= 13) throw protocolError('chunk size too large');
      size = size * 16 + digit;
    }
    if (i === start) throw protocolError('chunk size is not a hexadecimal number');
    while (i < end && (buf[i] === SP || buf[i] === HT)) i++;
    if (i < end && buf[i] !== 59 /* ; */) throw protocolError('chunk size is not a hexadecimal number');
    if (!validValue(buf, i, end)) throw protocolError('control character in a chunk extension');
    return size;
  }

  /**
   * Parses the head in `buf[start, end)` (`end` at its blank line's CRLFCRLF) and sets up the
   * body; true when the response has none (complete with its head). `events.end` is only ever
   * called as `execute` returns: the connection may start its next request from it. One pass over
   * the bytes: names and values are checked where they lie and only their places are kept; the
   * field lines become one string, for the handler to look headers up in.
   */
  private parseHead(buf: Buffer, start: number, end: number): boolean {
    // HTTP/1.x SSS[ reason]
    if (
      end - start < 12 ||
      buf[start] !== 72 || buf[start + 1] !== 84 || buf[start + 2] !== 84 || buf[start + 3] !== 80 ||
      buf[start + 4] !== 47 || buf[start + 5] !== 49 || buf[start + 6] !== 46 ||
      (buf[start + 7] !== 48 && buf[start + 7] !== 49) || buf[start + 8] !== SP ||
      !isDigit(buf[start + 9]) || !isDigit(buf[start + 10]) || !isDigit(buf[start + 11])
    ) {
      throw protocolError(`status line ${quoteLine(buf, start, end)}`);
    }
    const http10 = buf[start + 7] === 48;
    const status = ((buf[start + 9] as number) - 48) * 100 + ((buf[start + 10] as number) - 48) * 10 + ((buf[start + 11] as number) - 48);
    let lineEnd = start + 12;
    if (buf[lineEnd] !== CR || buf[lineEnd + 1] !== LF) {
      if (buf[lineEnd] !== SP) throw protocolError('status line: no space after the status code');
      lineEnd = valueEnd(buf, lineEnd);
      if (lineEnd === -1) throw protocolError('control character in the status line');
    }

    const fieldsStart = lineEnd + 2;
    const spans: number[] = [];
    let contentLength = -1;
    let transferEncoding: string | undefined;
    let connection: string | undefined;
    let connectionClose = false;
    let connectionKeepAlive = false;
    let keepAliveHint: string | undefined;
    let pos = fieldsStart;
    while (pos <= end) {
      const colon = fieldLineColon(buf, pos, end);
      let valueStart = colon + 1;
      while (buf[valueStart] === SP || buf[valueStart] === HT) valueStart++;
      lineEnd = valueEnd(buf, valueStart);
      if (lineEnd === -1) throw protocolError(`control character in header ${buf.toString('latin1', pos, colon)}`);
      let valueStop = lineEnd;
      while (valueStop > valueStart && (buf[valueStop - 1] === SP || buf[valueStop - 1] === HT)) valueStop--;
      spans.push(pos - fieldsStart, colon - fieldsStart, valueStart - fieldsStart, valueStop - fieldsStart);
      const nameLength = colon - pos;
      if (nameLength === 14 && bytesAre(buf, pos, colon, 'content-length')) {
        const length = digitsValue(buf, valueStart, valueStop) ?? contentLengthOf(buf.toString('latin1', valueStart, valueStop));
        if (length === -1 || (contentLength !== -1 && length !== contentLength)) throw protocolError(`Content-Length ${JSON.stringify(buf.toString('latin1', valueStart, valueStop))}`);
        contentLength = length;
      } else if (nameLength === 17 && bytesAre(buf, pos, colon, 'transfer-encoding')) {
        const value = buf.toString('latin1', valueStart, valueStop);
        transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
      } else if (nameLength === 10) {
        if (bytesAre(buf, pos, colon, 'connection')) {
          if (bytesAre(buf, valueStart, valueStop, 'keep-alive')) connectionKeepAlive = true;
          else if (bytesAre(buf, valueStart, valueStop, 'close')) connectionClose = true;
          else connection = `${connection ?? ''},${buf.toString('latin1', valueStart, valueStop).toLowerCase()}`;
        } else if (bytesAre(buf, pos, colon, 'keep-alive')) keepAliveHint = buf.toString('latin1', valueStart, valueStop);
      }
      pos = lineEnd + 2;
    }

    if (status < 100) throw protocolError(`status code ${status}`);
    if (status < 200) {
      // 100 Continue, 102 Processing, 103 Early Hints: the final response follows. 101 would
      // switch protocols, which no request of ours asks for.
      if (status === 101) throw protocolError('101 Switching Protocols to a request that asked for no upgrade');
      return false;
    }
    const tokens = connection?.split(',').map(trimOws);
    const close = connectionClose || tokens?.includes('close') === true;
    this.keepAlive = http10 ? (connectionKeepAlive || tokens?.includes('keep-alive') === true) && !close : !close;
    const timeout = keepAliveHint && /(?:^|[\s,])timeout\s*=\s*(\d+)/i.exec(keepAliveHint);
    this.keepAliveHint = timeout ? Number(timeout[1]) * 1000 : undefined;
    this.events.head(status, new HeadFields(fieldsStart < end ? buf.toString('latin1', fieldsStart, end) : '', spans));

    if (this.bodyless || status === 204 || status === 304) return true;
    if (transferEncoding !== undefined) {
      // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means its framing is faulty.
      if (http10) throw protocolError('Transfer-Encoding in an HTTP/1.0 response');
      const codings = transferCodings(transferEncoding);
      // The only transfer coding this client decodes is chunked, applied once, last (RFC 9112
      // §6.1). Any other (`gzip, chunked`, `br`) would leave bytes it cannot read: handing them
      // over as the body would be a wrong answer, so the response fails instead.
      const other = codings.find((coding, i) => coding !== 'chunked' || i !== codings.length - 1);
      if (other !== undefined) throw protocolError(`transfer coding ${JSON.stringify(other.slice(0, 40))} is not supported (Transfer-Encoding)`);
      // Both framings at once is a message that could be read two ways: chunked wins and the
      // connection is not reused (RFC 9112 §6.3).
      if (contentLength !== -1) this.keepAlive = false;
      if (codings.length === 1) {
        this.state = State.ChunkSize;
        return false;
      }
      // A field whose list is empty (`Transfer-Encoding:` or `, ,`) names no framing the
      // response could be read by with confidence (llhttp refuses it too).
      throw protocolError('Transfer-Encoding names no transfer coding');
    }
    if (contentLength === 0) return true;
    if (contentLength > 0) {
      this.remaining = contentLength;
      this.state = State.Fixed;
      return false;
    }
    this.keepAlive = false;
    this.state = State.UntilClose;
    return false;
  }
}
