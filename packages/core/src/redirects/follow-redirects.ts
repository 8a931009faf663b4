import { TooManyRedirectsError } from '../errors/too-many-redirects-error.js';
import type { TransportResponse, TransportStreamResponse } from '../transports/transport.js';
import { isRedirect, redirectTarget, type Hop } from './redirect-target.js';

/** The response a redirect chain ended with, where it came from and how many redirects led there. */
export interface Followed<R> {
  readonly response: R;
  /** The request that got `response` (the last hop). */
  readonly hop: Hop;
  readonly redirects: number;
}

/** Drops a redirect response's body: a streamed one is destroyed (a text one is already read). */
function discard(response: TransportResponse | TransportStreamResponse): void {
  if (typeof response.body !== 'string') response.body.destroy();
}

/**
 * Sends `first` with `send` and follows redirects (see {@link redirectTarget} for the rules), at
 * most `max` of them: one more is a {@link TooManyRedirectsError}. A redirect without a usable
 * `Location` is the response (it fails as any 3xx does). Above any transport: the transport is
 * asked for one request at a time and never follows a redirect itself.
 */
export async function followRedirects<R extends TransportResponse | TransportStreamResponse>(first: Hop, send: (hop: Hop, redirects: number) => Promise<R>, max: number): Promise<Followed<R>> {
  let hop = first;
  for (let redirects = 0; ; redirects++) {
    const response = await send(hop, redirects);
    const location = isRedirect(response.status) ? response.header('location') : undefined;
    const next = location === undefined ? undefined : redirectTarget(hop, response.status, location);
    if (next === undefined) return { response, hop, redirects };
    discard(response);
    if (redirects === max) throw new TooManyRedirectsError(hop.method, hop.url, max);
    hop = next;
  }
}
