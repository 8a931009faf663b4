import type { Dispatcher } from 'undici';
import { Agent, buildConnector, redirect } from './undici-parts.js';
import {
  authorityOf,
  dispatchOne,
  openTunnel,
  proxyAuthorization,
  proxyRoute,
  tlsConnectOptions,
  undiciStream,
  type ProxyRoute,
  type TlsConnectOptions,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from '@fanout/core/transport';

/** Options of {@link undiciTransport}: the common {@link TransportOptions}, and: */
export interface UndiciTransportOptions extends TransportOptions {
  /**
   * How long an idle keep-alive connection is kept, in milliseconds.
   * @default 4000
   */
  readonly keepAliveTimeout?: number;
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
  const direct = buildConnector({ ...tls });
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
 * layer per request, and no AbortSignal unless one is needed. Not the default (that is core's own
 * `http1`): chosen by name (`createTransport('undici')`, `FANOUT_TRANSPORT=undici`, the CLI's
 * `--transport undici`) or passed as `transport`. Same contract as the http1 and axios ones: text
 * bodies (gzip, deflate and br decoded), every status resolved, redirects off unless asked, a
 * body cap that drops the connection, the same proxy and TLS options; HTTP/1.1 only.
 *
 * @example
 * fanout(urls, { transport: undiciTransport({ connections: 64, proxy: 'http://proxy:3128' }) });
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const connections = options.connections ?? 256;
  const keepAliveTimeout = options.keepAliveTimeout ?? 4000;
  const tls = tlsConnectOptions(options.tls);
  const route = proxyRoute(options);
  const agent = new Agent({ connections, keepAliveTimeout, connect: route === undefined ? tls : tunnelingConnector(route, tls) });
  const dispatcher: Dispatcher = route === undefined ? agent : agent.compose(forwardProxying(route));
  let redirecting: Dispatcher | undefined;
  const choose = (req: TransportRequest) => (req.followRedirects ? (redirecting ??= dispatcher.compose(redirect({ maxRedirections: 5 }))) : dispatcher);
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
