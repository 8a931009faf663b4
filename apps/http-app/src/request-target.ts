import { AppError } from './app-error.js';

const BASE = 'http://app.local';

/**
 * The request target as a URL whose path and query are the client's, or a 400 `EBADTARGET`.
 * Origin form (`/path?query`) is read as a path even when it looks like `//host:port/`;
 * absolute form (`http://host/path`) keeps only its path and query; anything else is refused.
 */
export function parseRequestTarget(target: string | undefined): URL {
  try {
    if (target?.startsWith('/')) return new URL(BASE + target);
    if (target !== undefined && /^https?:\/\//i.test(target)) {
      const absolute = new URL(target);
      return new URL(BASE + absolute.pathname + absolute.search);
    }
  } catch {
    // refused below
  }
  throw new AppError(400, 'EBADTARGET', `Bad request target ${JSON.stringify((target ?? '').slice(0, 200))}: use a path like /api/posts?ids=1,2,3`);
}
