import { redactUrl } from '../base/redact-url.js';
import { FanoutError } from './fanout-error.js';

/**
 * A request followed its redirect limit (`maxRedirects`, 5 by default) and was redirected once
 * more: `Too many redirects (more than 5): GET https://example.org/loop`. Never retried.
 */
export class TooManyRedirectsError extends FanoutError {
  override readonly name = 'TooManyRedirectsError' as const;
  readonly code = 'ETOOMANYREDIRECTS' as const;
  /** The URL that answered with the redirect not followed, password redacted. */
  readonly url: string;

  /**
   * @param method the method of the last request sent.
   * @param url the URL of the last request sent (its password is redacted before it is kept).
   * @param limit the redirects followed.
   */
  constructor(
    readonly method: string,
    url: string,
    readonly limit: number,
  ) {
    const shown = redactUrl(url);
    super(`Too many redirects (more than ${limit}): ${method} ${shown}`);
    this.url = shown;
  }
}
