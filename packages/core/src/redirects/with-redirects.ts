import type { FetchResult } from '../contract/result.js';

/** Where a request's redirects led: the URL last sent to (credentials removed), and how many redirects led there. */
export interface RedirectsFollowed {
  readonly finalUrl: string | undefined;
  readonly redirects: number;
}

/** `result` with `finalUrl` and `redirects` from the request's tally (set when it followed redirects). */
export function withRedirects<R extends FetchResult<unknown>>(result: R, followed: RedirectsFollowed): R {
  return { ...result, finalUrl: followed.finalUrl, redirects: followed.redirects };
}
