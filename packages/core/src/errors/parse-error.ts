import { FanoutError } from './fanout-error.js';

/** The response body was not valid JSON. */
export class ParseError extends FanoutError {
  override readonly name = 'ParseError' as const;
  readonly code = 'EPARSE' as const;

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Response body is not valid JSON: ${detail}`, options);
  }
}
