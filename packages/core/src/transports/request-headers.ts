/** What every transport accepts by default, and decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

const DEFAULT_HEADERS: Readonly<Record<string, string>> = { 'accept-encoding': ACCEPT_ENCODING };
const withDefaults = new WeakMap<Readonly<Record<string, string>>, Readonly<Record<string, string>>>();

/** Whether `headers` sets `lowerCaseName`, whatever the case it is written in. */
export function hasHeader(headers: Readonly<Record<string, string>>, lowerCaseName: string): boolean {
  for (const name in headers) if (name.toLowerCase() === lowerCaseName) return true;
  return false;
}

/** `defaults` with `own` over them: a header `own` sets, in whatever case, replaces the default's. */
export function overrideHeaders(defaults: Readonly<Record<string, string>>, own: Readonly<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const name in defaults) if (!hasHeader(own, name.toLowerCase())) merged[name] = defaults[name] as string;
  return Object.assign(merged, own);
}

/**
 * The request's headers plus `accept-encoding: gzip, deflate, br` unless the caller set one.
 * Cached per headers object: a run's requests mostly share the same one.
 */
export function requestHeaders(headers: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  if (headers === undefined) return DEFAULT_HEADERS;
  let result = withDefaults.get(headers);
  if (result === undefined) {
    result = hasHeader(headers, 'accept-encoding') ? headers : { ...headers, ...DEFAULT_HEADERS };
    withDefaults.set(headers, result);
  }
  return result;
}
