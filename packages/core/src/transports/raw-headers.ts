import type { TransportResponse } from './transport.js';

/** A response's headers as received, looked up by name when asked: no header object per response. */
export interface HeaderList {
  /** The value of a header by its lower-case name, repeated ones joined by `, `; undefined when absent. */
  get(lowerCaseName: string): string | undefined;
  /** Every header: lower-case names, repeated ones joined by `, `. */
  record(): Record<string, string>;
}

/** Whether `bytes[start, end)` is `lowerCase`, ignoring ASCII case, without making a string. */
export function bytesAre(bytes: Buffer, start: number, end: number, lowerCase: string): boolean {
  const length = lowerCase.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = bytes[start + i] as number;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerCase.charCodeAt(i)) return false;
  }
  return true;
}

/** Adds one header to a record of lower-case names, joining a repeated one with `, `. */
export function addToRecord(record: Record<string, string>, lowerCaseName: string, value: string): void {
  if (lowerCaseName === '__proto__') return;
  const seen = Object.hasOwn(record, lowerCaseName) ? record[lowerCaseName] : undefined;
  record[lowerCaseName] = seen === undefined ? value : `${seen}, ${value}`;
}

/** undici's raw header list (`[name, value, ...]` as bytes) as a {@link HeaderList}. */
export class RawHeaderList implements HeaderList {
  constructor(private readonly raw: readonly Buffer[]) {}

  /** Read as latin1 like undici's own parser; repeated headers joined by `, `. A miss allocates nothing. */
  get(lowerCaseName: string): string | undefined {
    const raw = this.raw;
    let value: string | undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] as Buffer;
      if (!bytesAre(name, 0, name.length, lowerCaseName)) continue;
      const text = (raw[i + 1] as Buffer).toString('latin1');
      value = value === undefined ? text : `${value}, ${text}`;
    }
    return value;
  }

  record(): Record<string, string> {
    const result: Record<string, string> = {};
    for (let i = 0; i + 1 < this.raw.length; i += 2) {
      addToRecord(result, (this.raw[i] as Buffer).toString('latin1').toLowerCase(), (this.raw[i + 1] as Buffer).toString('latin1'));
    }
    return result;
  }
}

/**
 * A complete response over its {@link HeaderList}: headers are looked up in the list when
 * asked, so a response costs no header object. `header` is its own function (one small closure):
 * callers may hand it on detached, as the pacing hook and a sink's response do.
 */
export class ListedHeadersResponse implements TransportResponse {
  readonly header: (name: string) => string | undefined;

  constructor(
    readonly status: number,
    private readonly list: HeaderList,
    readonly body: string,
  ) {
    this.header = (name) => list.get(name);
  }

  headers(): Record<string, string> {
    return this.list.record();
  }
}
