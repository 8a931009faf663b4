import { NetworkError } from '../../errors/network-error.js';

/**
 * A response that breaks HTTP/1.1's syntax (RFC 9112): `EPROTO`, or `EHEADERSOVERFLOW` for a
 * head larger than the parser takes. The connection it came on is never reused.
 */
export function protocolError(message: string, code: 'EPROTO' | 'EHEADERSOVERFLOW' = 'EPROTO'): NetworkError {
  return new NetworkError(code, `Invalid HTTP response: ${message}`);
}
