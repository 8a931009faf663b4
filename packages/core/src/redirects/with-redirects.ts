import type { RequestTally } from '../engine/request-tally.js';
import type { FetchResult } from '../contract/result.js';

/** `result` with `finalUrl` and `redirects` from the request's tally (set when it followed redirects). */
export function withRedirects<R extends FetchResult<unknown>>(result: R, tally: RequestTally): R {
  return { ...result, finalUrl: tally.finalUrl, redirects: tally.redirects };
}
