import { NetworkError } from '../../errors/network-error.js';
import { errorCode, toNetworkError } from '../../utils/to-fanout-error.js';

/** HTTP/2 error codes (RFC 9113 §7) by number, for messages. */
const H2_CODE_NAMES = [
  'NO_ERROR',
  'PROTOCOL_ERROR',
  'INTERNAL_ERROR',
  'FLOW_CONTROL_ERROR',
  'SETTINGS_TIMEOUT',
  'STREAM_CLOSED',
  'FRAME_SIZE_ERROR',
  'REFUSED_STREAM',
  'CANCEL',
  'COMPRESSION_ERROR',
  'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY',
  'HTTP_1_1_REQUIRED',
] as const;

export const NGHTTP2_PROTOCOL_ERROR = 1;
export const NGHTTP2_REFUSED_STREAM = 7;
export const NGHTTP2_CANCEL = 8;

/** `REFUSED_STREAM`, `INTERNAL_ERROR`, ... or the number for an unknown code. */
export function h2CodeName(code: number): string {
  return H2_CODE_NAMES[code] ?? `error code ${code}`;
}

/** Node's codes for a malformed frame or header block: the response broke the protocol. */
const PROTOCOL_CODES = new Set(['ERR_HTTP2_ERROR', 'ERR_HTTP2_INVALID_HEADER_VALUE', 'ERR_HTTP2_INVALID_PSEUDOHEADER', 'ERR_HTTP2_HEADER_SINGLE_VALUE', 'ERR_HTTP2_STATUS_INVALID']);

/**
 * The `NetworkError` of a stream that ended without its response, the same codes HTTP/1.1 gives
 * for the same failure, so that retries and error handling do not depend on the version:
 * - `EPROTO`: the server broke the protocol (`PROTOCOL_ERROR`, a malformed frame or header);
 * - `ECONNRESET`: the server reset the stream (`RST_STREAM` with any other code, `REFUSED_STREAM`
 *   once the replays are used up), or the connection closed or went away (`GOAWAY` with an error)
 *   before the response was complete;
 * - a system or TLS code (`ECONNRESET`, `EPIPE`, ...) when the socket failed with one.
 * The HTTP/2 error name is in the message (after `label`: method and redacted URL); Node's error is the `cause`.
 */
export function streamError(rstCode: number | undefined, error: unknown, label: string): NetworkError {
  const nodeCode = errorCode(error);
  if (rstCode === NGHTTP2_PROTOCOL_ERROR || (nodeCode !== undefined && PROTOCOL_CODES.has(nodeCode))) {
    return new NetworkError('EPROTO', `${label}: the HTTP/2 response broke the protocol (${describe(rstCode, error)})`, { cause: error });
  }
  if (nodeCode !== undefined && !nodeCode.startsWith('ERR_HTTP2_')) return toNetworkError(error, nodeCode);
  if (nodeCode === 'ERR_HTTP2_SESSION_ERROR' && rstCode !== undefined) {
    return new NetworkError('ECONNRESET', `${label}: the HTTP/2 connection closed before the response was complete (GOAWAY ${h2CodeName(rstCode)})`, { cause: error });
  }
  if (rstCode !== undefined && rstCode !== 0) {
    return new NetworkError('ECONNRESET', `${label}: the server reset the HTTP/2 stream (${h2CodeName(rstCode)})`, { cause: error });
  }
  return new NetworkError('ECONNRESET', `${label}: the HTTP/2 connection closed before the response was complete (${describe(rstCode, error)})`, { cause: error });
}

function describe(rstCode: number | undefined, error: unknown): string {
  if (error instanceof Error) return error.message;
  return rstCode === undefined ? 'no error code' : h2CodeName(rstCode);
}
