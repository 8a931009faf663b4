import { InvalidUrlError } from '../errors/invalid-url-error.js';

const ORIGIN_AND_PATH = /^(https?:\/\/[^/?#]+)([^#]*)/i;

function normalPath(path: string): string {
  return path === '' ? '/' : path.charCodeAt(0) === 47 ? path : `/${path}`;
}

/** Splits an absolute http(s) URL into its origin (`http://host:port`) and path (with query). */
export function splitUrl(url: string): { origin: string; path: string } {
  // The common case, lower-case scheme, without a regular expression.
  const hostStart = url.startsWith('http://') ? 7 : url.startsWith('https://') ? 8 : -1;
  if (hostStart > 0) {
    let hostEnd = hostStart;
    for (; hostEnd < url.length; hostEnd++) {
      const c = url.charCodeAt(hostEnd);
      if (c === 47 || c === 63 || c === 35) break; // / ? #
    }
    if (hostEnd > hostStart) {
      const hash = url.indexOf('#', hostEnd);
      return { origin: url.slice(0, hostEnd), path: normalPath(hash === -1 ? url.slice(hostEnd) : url.slice(hostEnd, hash)) };
    }
  }
  const match = ORIGIN_AND_PATH.exec(url);
  if (!match) throw new InvalidUrlError(url);
  return { origin: match[1] as string, path: normalPath(match[2] as string) };
}
