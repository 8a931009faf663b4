export { FanoutError, type SerializedError } from './fanout-error.js';
export { HttpError } from './http-error.js';
export { TimeoutError } from './timeout-error.js';
export { NetworkError } from './network-error.js';
export { ParseError } from './parse-error.js';
export { BodyTooLargeError } from './body-too-large-error.js';
export { AbortError } from './abort-error.js';
export { InvalidUrlError } from './invalid-url-error.js';
export { CircuitOpenError } from './circuit-open-error.js';
