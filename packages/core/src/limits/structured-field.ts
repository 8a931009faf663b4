/** A bare value of a Structured Field (RFC 8941) as this reader keeps it: strings, numbers, flags. */
export type SfValue = string | number | true;

/** One member of a Structured Field List (an Item) or Dictionary (`key=item`), with its parameters. */
export interface SfMember {
  /** The Dictionary key; undefined for a List member. */
  readonly key?: string;
  readonly value: SfValue;
  readonly params: Readonly<Record<string, SfValue>>;
}

const NUMBER = /^-?\d{1,15}(\.\d{1,3})?$/;
const KEY = /^[a-z*][a-z0-9_\-.*]*$/;

/**
 * Reads a Structured Field List or Dictionary leniently enough for the rate-limit fields:
 * members split on commas, parameters on semicolons (spaces around them allowed), quoted strings
 * with escapes, integers and decimals as numbers, tokens and byte sequences as strings. Inner
 * lists are not supported. Returns undefined when the text is malformed; never throws.
 */
export function parseSfMembers(text: string): SfMember[] | undefined {
  const raws = splitOutsideQuotes(text, ',');
  if (raws === undefined) return undefined;
  const members: SfMember[] = [];
  for (const raw of raws) {
    const parts = splitOutsideQuotes(raw, ';');
    if (parts === undefined) return undefined;
    const head = (parts[0] ?? '').trim();
    if (head === '') return undefined;
    let key: string | undefined;
    let value: SfValue | undefined;
    const eq = head.startsWith('"') ? -1 : head.indexOf('=');
    if (eq > 0) {
      key = head.slice(0, eq).trim().toLowerCase();
      value = bareItem(head.slice(eq + 1).trim());
    } else if (KEY.test(head) && !NUMBER.test(head)) {
      // A Dictionary member with no value is `true`; in a List this is a token. Both read alike.
      value = head;
    } else {
      value = bareItem(head);
    }
    if (value === undefined || (key !== undefined && !KEY.test(key))) return undefined;
    const params: Record<string, SfValue> = {};
    for (const param of parts.slice(1)) {
      const p = param.trim();
      const at = p.indexOf('=');
      const name = (at < 0 ? p : p.slice(0, at)).trim().toLowerCase();
      if (!KEY.test(name)) return undefined;
      const paramValue = at < 0 ? true : bareItem(p.slice(at + 1).trim());
      if (paramValue === undefined) return undefined;
      params[name] = paramValue;
    }
    members.push(key === undefined ? { value, params } : { key, value, params });
  }
  return members.length > 0 ? members : undefined;
}

function bareItem(text: string): SfValue | undefined {
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"')) return undefined;
    return text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (NUMBER.test(text)) return Number(text);
  if (text === '?1') return true;
  if (/^:[A-Za-z0-9+/=]*:$/.test(text) || /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*$/.test(text)) return text;
  return undefined;
}

/** Splits on `separator` outside double quotes; undefined when a quote is left open. */
function splitOutsideQuotes(text: string, separator: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) return undefined;
  parts.push(text.slice(start));
  return parts;
}
