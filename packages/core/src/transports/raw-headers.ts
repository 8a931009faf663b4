import type { TransportResponse } from './transport.js';

/** Whether a raw header name equals `lowerCaseName`, ignoring ASCII case, without making a string. */
export function nameIs(name: Buffer, lowerCaseName: string): boolean {
  const length = lowerCaseName.length;
  if (name.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = name[i] as number;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerCaseName.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * A header's value from undici's raw list (`[name, value, name, value, ...]` as bytes), read as
 * latin1 like undici's own parser; repeated headers joined by `, `. A miss allocates nothing.
 */
export function rawHeader(raw: readonly Buffer[], lowerCaseName: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!nameIs(raw[i] as Buffer, lowerCaseName)) continue;
    const text = (raw[i + 1] as Buffer).toString('latin1');
    value = value === undefined ? text : `${value}, ${text}`;
  }
  return value;
}

/** Every header of undici's raw list: lower-case names, repeated ones joined by `, `. */
export function rawHeaderRecord(raw: readonly Buffer[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as Buffer).toString('latin1').toLowerCase();
    if (name === '__proto__') continue;
    const text = (raw[i + 1] as Buffer).toString('latin1');
    const seen = Object.hasOwn(result, name) ? result[name] : undefined;
    result[name] = seen === undefined ? text : `${seen}, ${text}`;
  }
  return result;
}

/**
 * A complete response over undici's raw header list: headers are looked up in the list when
 * asked, so a response costs no header object. `header` is its own function (one small closure):
 * callers may hand it on detached, as the pacing hook and a sink's response do.
 */
export class RawHeadersResponse implements TransportResponse {
  readonly header: (name: string) => string | undefined;

  constructor(
    readonly status: number,
    private readonly raw: readonly Buffer[],
    readonly body: string,
  ) {
    this.header = (name) => rawHeader(raw, name);
  }

  headers(): Record<string, string> {
    return rawHeaderRecord(this.raw);
  }
}
