import { checkRequestHeaders, TOKEN } from '../header-syntax.js';
import { HTTP_METHODS } from '../http-method.js';
import type { TransportRequest } from '../transport.js';

/** Header lines (`name: value\r\n...`) per headers object: a run's requests mostly share one. */
const linesOf = new WeakMap<Readonly<Record<string, string>>, HeaderLines>();

interface HeaderLines {
  readonly text: string;
  /** The caller set `Host` (sent as given). */
  readonly hasHost: boolean;
}

/** Framing is the client's to write: a caller's value could make one request read as two. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer']);

/** The methods fanout's types allow; any other must at least be a token. */
const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** `method` if it may start a request line (from JavaScript or an input file it may be any text), else throws with Node's code. */
function checkedMethod(method: string): string {
  if (METHODS.has(method) || TOKEN.test(method)) return method;
  throw Object.assign(new TypeError(`Invalid request method ${JSON.stringify(method)}`), { code: 'ERR_INVALID_HTTP_TOKEN' });
}

function headerLines(headers: Readonly<Record<string, string>>): HeaderLines {
  let lines = linesOf.get(headers);
  if (lines !== undefined) return lines;
  let text = '';
  let hasHost = false;
  for (const name in headers) {
    const value = String(headers[name]);
    const lower = name.toLowerCase();
    if (FRAMING.has(lower)) continue;
    if (lower === 'host') hasHost = true;
    text += `${name}: ${value.trim()}\r\n`;
  }
  lines = { text, hasHost };
  linesOf.set(headers, lines);
  return lines;
}

const HEX = '0123456789ABCDEF';

/** Methods whose requests carry a body by definition: sent with a length of 0 when they have none. */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The `Content-Length` to send (over HTTP/1.1 and HTTP/2 alike): the body's size in bytes, `0` for
 * a POST, PUT or PATCH without one, `undefined` for any other request without one.
 */
export function contentLength(method: string, body: string | Uint8Array | undefined): number | undefined {
  if (body === undefined) return BODY_METHODS.has(method) ? 0 : undefined;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

/**
 * A request target as sent: `path` when every character may go on the request line as is, else
 * with controls, spaces, DEL and non-ASCII characters percent-encoded (as UTF-8), everything else
 * kept as given: no dot segments resolved, no `//` read as a host, escapes already there left.
 */
export function requestTarget(path: string): string {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c <= 32 || c >= 127) return percentEncoded(path, i);
  }
  return path;
}

function percentEncoded(path: string, from: number): string {
  let target = path.slice(0, from);
  for (const byte of Buffer.from(path.slice(from), 'utf8')) {
    target += byte <= 32 || byte >= 127 ? `%${HEX[byte >> 4] as string}${HEX[byte & 15] as string}` : String.fromCharCode(byte);
  }
  return target;
}

/**
 * The request line and headers of one HTTP/1.1 request (`latin1` text, ending in the blank
 * line): the caller's headers (validated: a CR or LF in a value would smuggle a second request),
 * `Host` from the URL unless set, and `Content-Length` for a body. `Connection`, `Keep-Alive`,
 * `Transfer-Encoding` and the like are the client's own and dropped.
 */
export function requestHead(req: TransportRequest, host: string, path: string, headers: Readonly<Record<string, string>>, bodyLength: number | undefined): string {
  // The caller's own object (the core checked it already, so this is a lookup); `headers` is
  // it with fanout's `accept-encoding` added.
  if (req.headers !== undefined) checkRequestHeaders(req.headers);
  const lines = headerLines(headers);
  const hostLine = lines.hasHost ? '' : `host: ${host}\r\n`;
  const lengthLine = bodyLength === undefined ? '' : `content-length: ${bodyLength}\r\n`;
  return `${checkedMethod(req.method)} ${requestTarget(path)} HTTP/1.1\r\n${hostLine}${lines.text}${lengthLine}\r\n`;
}
