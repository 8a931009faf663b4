interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** The media ranges of an `Accept` header; a range with a malformed `q` is left out. */
function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const [type, subtype, extra] = range.split('/');
    if (!type || !subtype || extra !== undefined) continue;
    let q = 1;
    const qParam = params.find((p) => /^q\s*=/.test(p));
    if (qParam !== undefined) {
      const value = qParam.slice(qParam.indexOf('=') + 1).trim();
      if (!QVALUE.test(value)) continue;
      q = Number(value);
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The q of `offer` under `ranges`: the most specific matching range decides (RFC 9110 §12.5.1). */
function qualityOf(offer: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = offer.split('/');
  let best: { specificity: number; q: number } = { specificity: -1, q: 0 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best.q;
}

/**
 * Picks the offered media type the client prefers by its `Accept` header: the highest q wins,
 * ties go to the earlier offer, `q=0` means "not this", and the most specific range (`type/sub`,
 * then `type/*`, then any) decides each offer's q. No header accepts everything, so
 * the first offer wins. `undefined` when the client accepts none of them.
 *
 * @example
 * negotiate('text/event-stream;q=0.5, application/x-ndjson', ['application/x-ndjson', 'text/event-stream']) // 'application/x-ndjson'
 * negotiate('text/event-stream;q=0', ['application/x-ndjson', 'text/event-stream']) // undefined
 */
export function negotiate<T extends string>(accept: string | undefined, offers: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offers[0];
  const ranges = parseAccept(accept);
  let chosen: { offer: T; q: number } | undefined;
  for (const offer of offers) {
    const q = qualityOf(offer, ranges);
    if (q > 0 && (chosen === undefined || q > chosen.q)) chosen = { offer, q };
  }
  return chosen?.offer;
}
