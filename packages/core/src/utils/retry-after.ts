/**
 * Parses a `Retry-After` header (delay-seconds or an HTTP date) into milliseconds from `now`,
 * clamped to `[0, capMs]`. Returns `undefined` when the header is absent or unreadable.
 *
 * @example
 * parseRetryAfter('2', 30_000) // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', 30_000, Date.parse('Wed, 21 Oct 2015 07:27:59 GMT')) // 1000
 */
export function parseRetryAfter(value: string | undefined, capMs: number, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(capMs, Math.max(0, ms));
}
