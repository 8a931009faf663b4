import type { OutgoingHttpHeaders } from 'node:http2';
import { checkRequestHeaders } from '../header-syntax.js';
import { addToRecord, type HeaderList } from '../raw-headers.js';
import type { TransportRequest } from '../transport.js';

/** Fields HTTP/2 forbids (RFC 9113 §8.2.2) or carries as pseudo-headers (`host` is `:authority`). */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'host', 'http2-settings', 'content-length', 'trailer']);

/** The caller's fields as HTTP/2 sends them (lower-case names), and its `Host`; per headers object. */
interface FieldSet {
  readonly fields: Readonly<Record<string, string>>;
  readonly host: string | undefined;
}

const fieldSets = new WeakMap<Readonly<Record<string, string>>, FieldSet>();

function fieldSet(headers: Readonly<Record<string, string>>): FieldSet {
  let set = fieldSets.get(headers);
  if (set !== undefined) return set;
  const fields: Record<string, string> = {};
  let host: string | undefined;
  for (const name in headers) {
    const lower = name.toLowerCase();
    const value = String(headers[name]).trim();
    if (lower === 'host') host = value;
    if (CONNECTION_SPECIFIC.has(lower) || lower === '__proto__') continue;
    fields[lower] = Object.hasOwn(fields, lower) ? `${fields[lower] as string}, ${value}` : value;
  }
  set = { fields, host };
  fieldSets.set(headers, set);
  return set;
}

/**
 * The header block of one HTTP/2 request: the pseudo-headers (`:authority` is the caller's
 * `Host` when set, else the URL's host), the caller's fields (checked as for HTTP/1.1: a control
 * character or a name that is not a token fails with `ERR_INVALID_CHAR`), without the
 * connection-specific ones HTTP/2 forbids, and `content-length` for a body.
 */
export function h2RequestHeaders(req: TransportRequest, authority: string, path: string, headers: Readonly<Record<string, string>>, bodyLength: number | undefined): OutgoingHttpHeaders {
  if (req.headers !== undefined) checkRequestHeaders(req.headers);
  const { fields, host } = fieldSet(headers);
  return {
    ...fields,
    ':method': req.method,
    ':scheme': 'https',
    ':authority': host ?? authority,
    ':path': path,
    ...(bodyLength === undefined ? {} : { 'content-length': String(bodyLength) }),
  };
}

/** The headers of an HTTP/2 response as Node lists them (`[name, value, ...]`, pseudo-headers first) as a {@link HeaderList}. */
export class H2HeaderList implements HeaderList {
  constructor(private readonly raw: readonly string[]) {}

  get(lowerCaseName: string): string | undefined {
    const raw = this.raw;
    let value: string | undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i] !== lowerCaseName) continue;
      const text = raw[i + 1] as string;
      value = value === undefined ? text : `${value}, ${text}`;
    }
    return value;
  }

  record(): Record<string, string> {
    const result: Record<string, string> = {};
    for (let i = 0; i + 1 < this.raw.length; i += 2) {
      const name = this.raw[i] as string;
      if (name.charCodeAt(0) !== 58 /* : */) addToRecord(result, name, this.raw[i + 1] as string);
    }
    return result;
  }
}
