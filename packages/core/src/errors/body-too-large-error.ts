import { FanoutError } from './fanout-error.js';

/** The response body exceeded `maxBodyBytes`; the socket was released without reading the rest. */
export class BodyTooLargeError extends FanoutError {
  override readonly name = 'BodyTooLargeError' as const;
  readonly code = 'EBODYTOOLARGE' as const;

  constructor(readonly limitBytes: number) {
    super(`Response body exceeded the limit of ${limitBytes} bytes`);
  }
}
