import type { Hop } from './redirect-target.js';

/** The first request of a redirect chain: the prepared request, sent without the URL's credentials (they are in `authorization`). */
export function firstHop(request: Hop & { readonly sendUrl?: string }): Hop {
  return { url: request.sendUrl ?? request.url, method: request.method, headers: request.headers, body: request.body };
}
