import { redactUrl } from '../base/redact-url.js';
import { FanoutError } from './fanout-error.js';

/** The input is not an absolute http(s) URL; no request was sent. */
export class InvalidUrlError extends FanoutError {
  override readonly name = 'InvalidUrlError' as const;
  readonly code = 'ERR_INVALID_URL' as const;

  constructor(readonly input: string) {
    super(`Not an absolute http(s) URL: ${JSON.stringify(redactUrl(input).slice(0, 200))}`);
  }
}
