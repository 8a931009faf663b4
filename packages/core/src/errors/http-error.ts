import { redactUrl } from '../base/redact-url.js';
import { FanoutError } from './fanout-error.js';

/** How much of an error response's body an `HttpError` keeps. */
const BODY_EXCERPT_CHARS = 1024;

/** What an `HttpError` knows about the request and the response besides the status. */
export interface HttpErrorDetails {
  /** The request's method. */
  readonly method?: string;
  /** The request's URL (its password is redacted before it is kept). */
  readonly url?: string;
  /** The response's headers, lower-case names. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The response's body (only its first 1024 characters are kept). */
  readonly body?: string;
  /** The server's `Retry-After`, in milliseconds from now, when it sent one. */
  readonly retryAfterMs?: number;
}

/**
 * The server answered with a status outside 200–299:
 * `Request failed with status 404: GET https://api.example.org/x`. Keeps the response's
 * `headers` and an excerpt of its `body` (at most 1024 characters) for diagnosis.
 */
export class HttpError extends FanoutError {
  override readonly name = 'HttpError' as const;
  readonly code = 'EHTTP' as const;
  readonly method: string | undefined;
  /** The request's URL, password redacted. */
  readonly url: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** The start of the response body (up to 1024 characters, `…` marks a cut). */
  readonly body: string | undefined;
  readonly retryAfterMs: number | undefined;

  /** @param status the HTTP status code received. */
  constructor(
    readonly status: number,
    details: HttpErrorDetails = {},
  ) {
    const url = details.url === undefined ? undefined : redactUrl(details.url);
    super(`Request failed with status ${status}${details.method && url ? `: ${details.method} ${url}` : ''}`);
    this.method = details.method;
    this.url = url;
    this.headers = details.headers ?? {};
    this.body = details.body === undefined || details.body.length <= BODY_EXCERPT_CHARS ? details.body : `${details.body.slice(0, BODY_EXCERPT_CHARS)}…`;
    this.retryAfterMs = details.retryAfterMs;
  }

  protected override details(): { readonly status: number; readonly body?: string } {
    return this.body ? { status: this.status, body: this.body } : { status: this.status };
  }
}
