import type { buildConnector, Dispatcher } from 'undici';
import { toNetworkError } from '../utils/to-fanout-error.js';
import { proxyAuthorization, proxyRoute, type ProxyRoute } from './proxy-route.js';
import { requestHeaders } from './request-headers.js';
import { tlsConnectOptions, type TlsConnectOptions } from './tls-options.js';
import { authorityOf, openTunnel } from './connect-tunnel.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { splitUrl } from './url-parts.js';
import { undiciStream } from './undici-stream.js';
import { loadAgent, loadBuildConnector, loadRedirectInterceptor } from './undici-parts.js';
import { timedAttempt, writingAttempt } from './undici-connection-timing.js';
import { WholeBodyHandler } from './whole-body-handler.js';

/** Options of {@link undiciTransport}: the common {@link TransportOptions}, and: */
export interface UndiciTransportOptions extends TransportOptions {
  /**
   * How long an idle keep-alive connection is kept, in milliseconds.
   * @default 4000
   */
  readonly keepAliveTimeout?: number;
}

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

/**
 * Sends http targets that `route` sends through a proxy to it in absolute form. Sits under the
 * redirect interceptor, so a redirect to another host is routed for that host.
 */
function forwardProxying(route: ProxyRoute): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const origin = String(opts.origin);
    const proxy = origin.startsWith('http:') ? route(origin) : undefined;
    if (proxy === undefined) return dispatch(opts, handler);
    const target = new URL(origin);
    const auth = proxyAuthorization(proxy);
    const extra: Record<string, string> = auth === undefined ? { host: target.host } : { host: target.host, 'proxy-authorization': auth };
    return dispatch({ ...opts, origin: proxy.origin, path: `${target.origin}${opts.path}`, headers: withHeaders(opts.headers, extra) }, handler);
  };
}

/**
 * Opens connections to https origins that `route` sends through a proxy inside its `CONNECT`
 * tunnel (TLS end to end); every other connection as undici would.
 */
function tunnelingConnector(route: ProxyRoute, tls: TlsConnectOptions): buildConnector.connector {
  const direct = loadBuildConnector()({ ...tls });
  return (opts, callback) => {
    const port = Number(opts.port) || 443;
    const proxy = opts.protocol === 'https:' ? route(`https://${authorityOf(opts.hostname, port)}`) : undefined;
    if (proxy === undefined) return direct(opts, callback);
    openTunnel(proxy, opts.hostname, port).then(
      (socket) => direct({ ...opts, httpSocket: socket }, callback),
      (error: Error) => callback(error, null),
    );
  };
}

/** Request headers (object or flat array form) with `extra` set, replacing any of the same name. */
function withHeaders(headers: Dispatcher.DispatchOptions['headers'], extra: Readonly<Record<string, string>>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  const add = (name: string, value: string | string[] | undefined) => {
    if (value !== undefined && !(name.toLowerCase() in extra)) result[name] = value;
  };
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) add(String(headers[i]), String(headers[i + 1]));
  } else if (headers && typeof headers === 'object' && !(Symbol.iterator in headers)) {
    for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) add(name, value);
  }
  return { ...result, ...extra };
}

/**
 * A transport on undici's low-level `dispatch` over a keep-alive `Agent`: no stream or promise
 * layer per request, and no AbortSignal unless one is needed, which makes it the fastest way to
 * fan out on Node, and the default. Same contract as the axios one: text bodies (gzip, deflate
 * and br decoded), every status resolved, redirects off unless asked, a body cap that drops the
 * connection, the same proxy and TLS options.
 *
 * @example
 * fanout(urls, { transport: undiciTransport({ connections: 64, proxy: 'http://proxy:3128' }) });
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const connections = options.connections ?? 256;
  const keepAliveTimeout = options.keepAliveTimeout ?? 4000;
  const tls = tlsConnectOptions(options.tls);
  const route = proxyRoute(options);
  const Agent = loadAgent();
  const agent = new Agent({ connections, keepAliveTimeout, connect: route === undefined ? tls : tunnelingConnector(route, tls) });
  const dispatcher: Dispatcher = route === undefined ? agent : agent.compose(forwardProxying(route));
  let redirecting: Dispatcher | undefined;
  const choose = (req: TransportRequest) => (req.followRedirects ? (redirecting ??= dispatcher.compose(loadRedirectInterceptor()({ maxRedirections: 5 }))) : dispatcher);
  return {
    name: 'undici',
    stream: (req) => undiciStream(choose(req), req),
    send(req: TransportRequest): Promise<TransportResponse> {
      const chosen = choose(req);
      try {
        return dispatchOne(chosen, req);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    close: () => agent.close(),
  };
}
