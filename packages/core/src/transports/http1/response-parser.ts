import { nameIs } from '../raw-headers.js';
import { protocolError } from './protocol-error.js';

/** What the parser tells its connection, in order: one `head`, any `data`, then `end`. */
export interface ResponseEvents {
  /** The final (non-1xx) status line and headers, as `[name, value, ...]` views on the received bytes. */
  head(status: number, raw: Buffer[]): void;
  /** Body bytes (chunked framing removed); a view on the received bytes. */
  data(chunk: Buffer): void;
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

/** Checks the syntax of the field line `buf[start, end)` up to its colon (`name:`, no fold); returns the colon's index. */
function fieldLineColon(buf: Buffer, start: number, end: number): number {
  const first = buf[start];
  if (first === SP || first === HT) throw protocolError('folded header line (obs-fold)');
  let colon = start;
  while (colon < end && TOKEN[buf[colon] as number] === 1) colon++;
  if (colon === start || colon === end || buf[colon] !== 58) throw protocolError(`header line ${quoteLine(buf, start, end)}`);
  return colon;
}

/** A Content-Length value: digits, or a list of equal digit strings (RFC 9110 §8.6); -1 when invalid. */
function contentLengthOf(text: string): number {
  let length = -1;
  for (const part of text.split(',')) {
    const digits = part.trim();
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
 * those throw `EPROTO`. Informational (1xx) responses are skipped. Views, not copies: header
 * names and values and body chunks are `subarray`s of the bytes received.
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
          const end = buf.indexOf('\r\n\r\n', pos, 'latin1');
          if (end === -1 || end - pos > MAX_HEAD_BYTES) {
            if (length - pos > MAX_HEAD_BYTES) throw protocolError(`status line and headers over ${MAX_HEAD_BYTES} bytes`, 'EHEADERSOVERFLOW');
            checkUnfinishedHead(buf, pos, Math.max(pos, length - chunk.length));
            this.pending = buf.subarray(pos);
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
          this.events.data(buf.subarray(pos, pos + take));
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
            this.pending = buf.subarray(pos);
            return;
          }
          if (buf[pos] !== CR || buf[pos + 1] !== LF) throw protocolError('chunk data not followed by CRLF');
          pos += 2;
          this.state = State.ChunkSize;
          break;
        }
        case State.ChunkSize: {
          const eol = buf.indexOf('\r\n', pos, 'latin1');
          if (eol === -1 || eol - pos > MAX_CHUNK_LINE) {
            if (length - pos > MAX_CHUNK_LINE) throw protocolError('chunk size line too long');
            this.pending = buf.subarray(pos);
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
          const eol = buf.indexOf('\r\n', pos, 'latin1');
          if (eol === -1) {
            if (this.trailerBytes + length - pos > MAX_HEAD_BYTES) throw protocolError(`trailers over ${MAX_HEAD_BYTES} bytes`, 'EHEADERSOVERFLOW');
            this.pending = buf.subarray(pos);
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
          this.events.data(pos === 0 ? buf : buf.subarray(pos));
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
   * called as `execute` returns: the connection may start its next request from it.
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
    let lineEnd = buf.indexOf('\r\n', start, 'latin1');
    if (lineEnd > start + 12 && buf[start + 12] !== SP) throw protocolError('status line: no space after the status code');
    if (!validValue(buf, start + 12, lineEnd)) throw protocolError('control character in the status line');

    const raw: Buffer[] = [];
    let contentLength = -1;
    let transferEncoding: string | undefined;
    let connection: string | undefined;
    let keepAliveHint: string | undefined;
    let pos = lineEnd + 2;
    while (pos <= end) {
      lineEnd = buf.indexOf('\r\n', pos, 'latin1');
      const colon = fieldLineColon(buf, pos, lineEnd);
      let valueStart = colon + 1;
      while (valueStart < lineEnd && (buf[valueStart] === SP || buf[valueStart] === HT)) valueStart++;
      let valueEnd = lineEnd;
      while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HT)) valueEnd--;
      if (!validValue(buf, valueStart, valueEnd)) throw protocolError(`control character in header ${buf.toString('latin1', pos, colon)}`);
      const name = buf.subarray(pos, colon);
      const value = buf.subarray(valueStart, valueEnd);
      raw.push(name, value);
      const nameLength = colon - pos;
      if (nameLength === 14 && nameIs(name, 'content-length')) {
        const length = contentLengthOf(value.toString('latin1'));
        if (length === -1 || (contentLength !== -1 && length !== contentLength)) throw protocolError(`Content-Length ${JSON.stringify(value.toString('latin1'))}`);
        contentLength = length;
      } else if (nameLength === 17 && nameIs(name, 'transfer-encoding')) {
        transferEncoding = transferEncoding === undefined ? value.toString('latin1') : `${transferEncoding}, ${value.toString('latin1')}`;
      } else if (nameLength === 10) {
        if (nameIs(name, 'connection')) connection = `${connection ?? ''},${value.toString('latin1').toLowerCase()}`;
        else if (nameIs(name, 'keep-alive')) keepAliveHint = value.toString('latin1');
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
    const tokens = connection?.split(',').map((token) => token.trim());
    this.keepAlive = http10 ? tokens?.includes('keep-alive') === true && !tokens.includes('close') : tokens?.includes('close') !== true;
    const timeout = keepAliveHint && /(?:^|[\s,])timeout\s*=\s*(\d+)/i.exec(keepAliveHint);
    this.keepAliveHint = timeout ? Number(timeout[1]) * 1000 : undefined;
    this.events.head(status, raw);

    if (this.bodyless || status === 204 || status === 304) return true;
    if (transferEncoding !== undefined) {
      const codings = transferEncoding.split(',');
      const last = (codings[codings.length - 1] as string).trim().toLowerCase();
      // Both framings at once is a message that could be read two ways: chunked wins and the
      // connection is not reused (RFC 9112 §6.3).
      if (contentLength !== -1) this.keepAlive = false;
      if (last === 'chunked') this.state = State.ChunkSize;
      else {
        this.keepAlive = false;
        this.state = State.UntilClose;
      }
      return false;
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
