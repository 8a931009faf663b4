// Sending one request through any undici `Dispatcher` (the user's global one, or the undici
// transport's Agent) without loading undici: the dispatcher protocol only.
import type { Dispatcher } from './dispatcher-protocol.js';
import { toNetworkError } from '../../utils/to-fanout-error.js';
import { requestHeaders } from '../request-headers.js';
import type { TransportRequest, TransportResponse } from '../transport.js';
import { splitUrl } from '../url-parts.js';
import { timedAttempt, writingAttempt } from './undici-connection-timing.js';
import { WholeBodyHandler } from '../whole-body-handler.js';

/** undici's own error codes, as the system codes fanout reports; any other code is kept as is. */
const CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ECONNECTTIMEOUT',
  UND_ERR_HEADERS_OVERFLOW: 'EHEADERSOVERFLOW',
};

/** undici's errors at this transport's boundary: a `NetworkError` with a system, TLS or proxy code. */
export function mapError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? toNetworkError(error, CODES[code] ?? code) : error;
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `header(name)` and `headers()` of a response over undici's raw header record. */
export function headerAccessors(all: Record<string, string | string[] | undefined>): Pick<TransportResponse, 'header' | 'headers'> {
  return {
    header: (name) => headerValue(all[name]),
    headers: () => {
      const result: Record<string, string> = {};
      for (const name in all) {
        const value = headerValue(all[name]);
        if (value !== undefined) result[name] = value;
      }
      return result;
    },
  };
}

/**
 * The whole-body handler with undici's connection timing: with a `timeline`, the connection an
 * attempt opened is told apart through undici's diagnostics channels.
 */
class UndiciBodyHandler extends WholeBodyHandler {
  constructor(req: TransportRequest, resolve: (response: TransportResponse) => void, reject: (error: unknown) => void) {
    super(req, resolve, reject, mapError);
    if (req.timing) timedAttempt(req.timing);
  }

  override onConnect(abort: (reason: Error) => void): void {
    if (this.req.timing) writingAttempt(this.req.timing);
    super.onConnect(abort);
  }
}

/** Sends one request through `dispatcher.dispatch`, the body decoded and capped as it arrives. */
export function dispatchOne(dispatcher: Dispatcher, req: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const { origin, path } = splitUrl(req.url);
    const opts = { origin, path, method: req.method, headers: requestHeaders(req.headers), body: req.body ?? null, headersTimeout: 0, bodyTimeout: 0 };
    dispatcher.dispatch(opts, new UndiciBodyHandler(req, resolve, reject));
  });
}

