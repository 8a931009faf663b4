import { InvalidUrlError } from '../errors/invalid-url-error.js';

const ORIGIN_AND_PATH = /^(https?:\/\/[^/?#]+)([^#]*)/i;

/** Splits an absolute http(s) URL into its origin (`http://host:port`) and path (with query). */
export function splitUrl(url: string): { origin: string; path: string } {
  const match = ORIGIN_AND_PATH.exec(url);
  if (!match) throw new InvalidUrlError(url);
  const path = match[2] as string;
  return { origin: match[1] as string, path: path === '' ? '/' : path.startsWith('/') ? path : `/${path}` };
}
