import { addToRecord, type HeaderList } from '../raw-headers.js';

/**
 * The header fields of one response head: the field lines as one latin1 string (a copy, so the
 * bytes they came in may be reused) and where each name and value lies in it. Nothing else is
 * made until a header is asked for: a lookup compares names in place and slices out the value.
 */
export class HeadFields implements HeaderList {
  constructor(
    /** The field lines as received (latin1). */
    private readonly text: string,
    /** Per field: name start, name end, value start, value end (in `text`; values without surrounding whitespace). */
    private readonly spans: readonly number[],
  ) {}

  get(lowerCaseName: string): string | undefined {
    const { text, spans } = this;
    const length = lowerCaseName.length;
    let value: string | undefined;
    for (let i = 0; i < spans.length; i += 4) {
      const start = spans[i] as number;
      if ((spans[i + 1] as number) - start !== length || !sameName(text, start, lowerCaseName)) continue;
      const found = text.slice(spans[i + 2], spans[i + 3]);
      value = value === undefined ? found : `${value}, ${found}`;
    }
    return value;
  }

  record(): Record<string, string> {
    const result: Record<string, string> = {};
    const { text, spans } = this;
    for (let i = 0; i < spans.length; i += 4) addToRecord(result, text.slice(spans[i], spans[i + 1]).toLowerCase(), text.slice(spans[i + 2], spans[i + 3]));
    return result;
  }

  /** Names and values in order, as received: `[name, value, name, value, ...]`. */
  list(): string[] {
    const { text, spans } = this;
    const list: string[] = [];
    for (let i = 0; i < spans.length; i += 2) list.push(text.slice(spans[i], spans[i + 1]));
    return list;
  }
}

/** Whether `text` at `start` holds `lowerCaseName`, ignoring ASCII case. */
function sameName(text: string, start: number, lowerCaseName: string): boolean {
  for (let i = 0; i < lowerCaseName.length; i++) {
    const c = text.charCodeAt(start + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerCaseName.charCodeAt(i)) return false;
  }
  return true;
}
