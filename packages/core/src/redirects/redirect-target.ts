import type { HttpMethod } from '../transports/http-method.js';

/** One request of a redirect chain: what is sent to `url`. */
export interface Hop {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** The statuses followed: 301, 302, 303, 307, 308 (300, 304 and 305 are answers, not redirects). */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Headers that describe a body: dropped with the body when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location', 'transfer-encoding']);

/** Headers that carry credentials or name the origin: never sent to another origin (scheme, host or port). */
const ORIGIN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'host']);

/**
 * The request a redirect asks for, by one set of rules for every transport (RFC 9110 §15.4 and
 * what browsers, curl and undici do), or `undefined` when it is not followed (a `Location` that is
 * no http(s) URL):
 * - `Location` is resolved against the URL that answered; any `user:password@` in it is dropped
 *   (credentials are never taken from a server), and so is its fragment.
 * - 303, and 301/302 answering a POST, become a GET without a body (HEAD stays HEAD) and the
 *   headers that describe the body are dropped; 307 and 308 keep the method and the body.
 * - To another origin (scheme, host or port: https to http is one), `Authorization`,
 *   `Proxy-Authorization`, `Cookie` and `Host` are dropped.
 */
export function redirectTarget(hop: Hop, status: number, location: string): Hop | undefined {
  let next: URL;
  try {
    next = new URL(location, hop.url);
  } catch {
    return undefined;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return undefined;
  next.username = '';
  next.password = '';
  next.hash = '';
  const toGet = hop.method !== 'HEAD' && (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST'));
  const crossOrigin = next.origin !== new URL(hop.url).origin;
  if (!toGet && !crossOrigin) return { ...hop, url: next.href };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(hop.headers)) {
    const lower = name.toLowerCase();
    if ((toGet && BODY_HEADERS.has(lower)) || (crossOrigin && ORIGIN_HEADERS.has(lower))) continue;
    headers[name] = value;
  }
  return { url: next.href, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body };
}
