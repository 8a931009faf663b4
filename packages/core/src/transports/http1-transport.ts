import { isIP, connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { toFanoutError } from '../utils/to-fanout-error.js';
import type { Connector } from './http1/origin-pool.js';
import { OriginPool } from './http1/origin-pool.js';
import type { PendingRequest } from './http1/pending-request.js';
import { contentLength, requestHead } from './http1/request-head.js';
import { TlsSessions } from './http1/tls-sessions.js';
import { openTunnel } from './connect-tunnel.js';
import type { DispatchHandler } from './http1/dispatch-handler.js';
import { StreamBodyHandler } from './http1/stream-body-handler.js';
import { AlpnRouter } from './http2/alpn-router.js';
import { proxyAuthorization, proxyRoute } from './proxy-route.js';
import { requestHeaders } from './request-headers.js';
import { tlsConnectOptions, type TlsConnectOptions } from './tls-options.js';
import type { Transport, TransportRequest, TransportResponse, TransportStreamResponse } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { dispatchOne } from './dispatcher/dispatch-one.js';
import { undiciStream } from './dispatcher/undici-stream.js';
import { splitUrl } from './url-parts.js';
import { userDispatcher } from './dispatcher/user-dispatcher.js';
import { WholeBodyHandler } from './whole-body-handler.js';

/** Options of {@link http1Transport}: the common {@link TransportOptions}, and: */
export interface Http1TransportOptions extends TransportOptions {
  /**
   * How long an idle keep-alive connection is kept, in milliseconds (never longer than a second
   * short of the server's own `Keep-Alive: timeout`).
   * @default 4000
   */
  readonly keepAliveTimeout?: number;
}

/** Feeds `socket`'s 'data' to `onread` as `onread` sockets are read: copied into its buffer, a buffer's length at a time. */
function readInto<S extends Socket>(socket: S, onread: OnReadOpts): S {
  const buffer = onread.buffer as Uint8Array;
  socket.on('data', (chunk: Buffer) => {
    for (let at = 0; at < chunk.length; at += buffer.length) onread.callback(chunk.copy(buffer, 0, at, at + buffer.length), buffer);
  });
  return socket;
}

/** The HTTP/2 side of the transport, or undefined when `httpVersion` is `'1.1'`. */
function alpnRouterFor(
  options: Http1TransportOptions,
  connections: number,
  keepAliveTimeout: number,
  tls: TlsConnectOptions,
  sessions: TlsSessions,
  proxied: (origin: string) => boolean,
  http1: (req: TransportRequest) => Promise<TransportResponse>,
): AlpnRouter | undefined {
  if (options.httpVersion === '1.1') return undefined;
  return new AlpnRouter({
    maxSessions: connections,
    idleTimeout: keepAliveTimeout,
    openTls: (url, alpn, onread) => openTls(url, tls, sessions, alpn, onread),
    proxied,
    http1,
  });
}

/**
 * Opens a TLS socket to `url`'s origin offering `alpn` (inside a CONNECT tunnel's socket
 * `through`, when given); its TLS session is resumed and the next one kept.
 */
function openTls(url: URL, tls: TlsConnectOptions, sessions: TlsSessions, alpn: readonly string[], onread: OnReadOpts, through?: Socket): TLSSocket {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const options: ConnectionOptions = { host, port: Number(url.port) || 443, ALPNProtocols: [...alpn], ...tls };
  if (isIP(host) === 0) options.servername = host;
  const origin = url.host;
  const session = sessions.get(origin);
  const connect = process.getBuiltinModule('node:tls').connect;
  // Node's TLS sockets take `onread` as TCP ones do (its types leave it out); not over a
  // tunnel's socket, where it is never called: there the reads come as 'data' and are copied
  // into the connection's read buffer.
  const socket = through === undefined ? connect({ ...options, session, onread } as ConnectionOptions) : readInto(connect({ ...options, session, socket: through }), onread);
  socket.setNoDelay(true).setKeepAlive(true, 60_000);
  socket.on('session', (next: Buffer) => sessions.set(origin, next));
  return socket;
}

/** What an https pool offers by ALPN: the protocol of its origin is known (HTTP/2 is chosen before the pool, see `AlpnRouter`). */
const HTTP1_ONLY = ['http/1.1'];

/**
 * Opens TCP or TLS connections to one origin (through `proxy` when one serves it); TLS sessions
 * are resumed across its connections. `adopt` gives a TLS connection the HTTP/2 router already
 * made for the origin and found to speak HTTP/1.1, when there is one.
 */
function connectorFor(url: URL, tls: TlsConnectOptions, sessions: TlsSessions, proxy: URL | undefined, adopt: (origin: string, onread: OnReadOpts) => Socket | undefined): Connector {
  const secure = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = Number(url.port) || (secure ? 443 : 80);
  if (!secure) {
    // An http target through a proxy: the connection goes to the proxy, requests in absolute form.
    const to = proxy === undefined ? { host, port } : { host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port) || 80 };
    return { readyEvent: 'connect', open: (onread) => netConnect({ ...to, noDelay: true, keepAlive: true, keepAliveInitialDelay: 60_000, onread }) };
  }
  if (proxy !== undefined) {
    // An https target through a proxy: TLS to the origin inside a CONNECT tunnel (HTTP/1.1).
    return { readyEvent: 'secureConnect', tunnel: () => openTunnel(proxy, host, port), open: (onread, through) => openTls(url, tls, sessions, HTTP1_ONLY, onread, through) };
  }
  return { readyEvent: 'secureConnect', open: (onread) => adopt(url.origin, onread) ?? openTls(url, tls, sessions, HTTP1_ONLY, onread) };
}

/** One origin's pool, the `Host` header for it, and the spellings of it in URLs that lead to it. */
interface OriginEntry {
  readonly pool: OriginPool;
  readonly host: string;
  readonly spellings: string[];
  /** An http origin served by a forward proxy: its origin, prefixed to each path (absolute form). */
  readonly absolute: string | undefined;
  /** The `proxy-authorization` line sent to that proxy, when its URL has credentials. */
  readonly proxyLine: string;
}

/** Spellings of one origin remembered per pool. */
const MAX_SPELLINGS = 16;

/**
 * fanout's own HTTP/1.1 client on `node:net` and `node:tls`, the default transport (over TLS it
 * offers HTTP/2 by ALPN and speaks it to an origin that picks it: see `httpVersion`): keep-alive
 * pools per origin (`connections` each), one request at a time per connection, a strict
 * incremental response parser (chunked, `Content-Length` or close-delimited bodies; 1xx skipped;
 * malformed responses fail with `EPROTO`), the same body handling as the undici transport
 * (gzip, deflate and br decoded, the `maxBodyBytes` cap drops the connection), TLS with the
 * transport's `tls` options and session resumption. It does less per request than a general
 * client: no dispatcher chain, no header objects, no stream per body it reads whole. It never
 * follows a redirect (the core does, for every transport). Proxies: http targets go to the proxy
 * in absolute form, https targets through a `CONNECT` tunnel (TLS end to end), each origin's
 * pool of connections kept alive as a direct one. `stream` (for a `sink`) gives the body as a
 * stream whose reader's pace pauses the socket. It never loads undici. When the user has set
 * undici's global dispatcher (`setGlobalDispatcher`: a `MockAgent`, a `ProxyAgent`, ...), requests
 * go through it instead, as `fetch`'s do.
 *
 * @example
 * fanout(urls, { transport: http1Transport({ connections: 16, keepAliveTimeout: 10_000 }) });
 */
export function http1Transport(options: Http1TransportOptions = {}): Transport {
  const connections = options.connections ?? 256;
  const keepAliveTimeout = options.keepAliveTimeout ?? 4000;
  if (!(Number.isInteger(connections) && connections >= 1)) throw new RangeError(`connections must be an integer ≥ 1, got ${String(connections)}`);
  const tls = tlsConnectOptions(options.tls);
  const route = proxyRoute(options);
  /** Per origin text as in request URLs: its origin's pool while it has connections (origins a proxy serves have none). */
  const pools = new Map<string, OriginEntry>();
  /** The same pools by canonical origin: `HTTP://127.000.000.001:80` and `http://127.0.0.1` share one, and its limit. */
  const byOrigin = new Map<string, OriginEntry>();
  const sessions = new TlsSessions();
  const h2 = alpnRouterFor(options, connections, keepAliveTimeout, tls, sessions, (origin) => route?.(origin) !== undefined, (req) => sendWhole(req));
  const adopt = (origin: string, onread: OnReadOpts) => h2?.adopt(origin, onread);

  function poolFor(text: string): OriginEntry {
    const known = pools.get(text);
    if (known !== undefined) return known;
    const url = new URL(text);
    let entry = byOrigin.get(url.origin);
    if (entry === undefined) {
      const spellings: string[] = [];
      const forget = () => {
        byOrigin.delete(url.origin);
        for (const spelling of spellings) pools.delete(spelling);
      };
      const proxy = route?.(url.origin);
      const forward = proxy !== undefined && url.protocol === 'http:';
      const auth = forward ? proxyAuthorization(proxy) : undefined;
      const pool = new OriginPool(connectorFor(url, tls, sessions, proxy, adopt), connections, keepAliveTimeout, forget);
      entry = { pool, host: url.host, spellings, absolute: forward ? url.origin : undefined, proxyLine: auth === undefined ? '' : `proxy-authorization: ${auth}\r\n` };
      byOrigin.set(url.origin, entry);
    }
    // A few spellings per origin are remembered; past that each is parsed again (no map that
    // grows with, say, a user name per URL while the pool lives).
    if (entry.spellings.length < MAX_SPELLINGS) {
      entry.spellings.push(text);
      pools.set(text, entry);
    }
    return entry;
  }

  /** Sends `req` on its origin's pool; `handle` makes the handler that settles the promise. */
  function dispatch<R>(req: TransportRequest, handle: (resolve: (response: R) => void, reject: (error: unknown) => void) => DispatchHandler): Promise<R> {
    const { origin, path } = splitUrl(req.url);
    const entry = poolFor(origin);
    const body = req.body;
    const bodyLength = contentLength(req.method, body);
    let head = requestHead(req, entry.host, entry.absolute === undefined ? path : `${entry.absolute}${path}`, requestHeaders(req.headers), bodyLength);
    if (entry.proxyLine !== '') head = `${head.slice(0, -2)}${entry.proxyLine}\r\n`;
    return new Promise((resolve, reject) => {
      const handler = handle(resolve, reject);
      const request: PendingRequest = { req, handler, head, body: body === undefined || bodyLength === 0 ? undefined : body, aborted: undefined, replayed: false, carrier: undefined };
      handler.onConnect((reason) => {
        if (request.aborted !== undefined) return;
        request.aborted = reason;
        if (request.carrier !== undefined) request.carrier.drop(request, reason);
        else {
          entry.pool.cancel(request);
          handler.onError(reason);
        }
      });
      if (request.aborted === undefined) entry.pool.dispatch(request);
    });
  }

  /** `req` on its origin's HTTP/1.1 pool, its body read whole; a socket or parse error as the `NetworkError` the transport rejects with. */
  function sendWhole(req: TransportRequest): Promise<TransportResponse> {
    return dispatch<TransportResponse>(req, (resolve, reject) => new WholeBodyHandler(req, resolve, reject, toFanoutError));
  }

  return {
    name: 'http1',
    send(req: TransportRequest): Promise<TransportResponse> {
      try {
        const user = userDispatcher();
        if (user !== undefined) return dispatchOne(user, req);
        if (h2 === undefined) return sendWhole(req);
        const { origin, path } = splitUrl(req.url);
        return h2.send(req, origin, path) ?? sendWhole(req);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    stream(req: TransportRequest): Promise<TransportStreamResponse> {
      try {
        const user = userDispatcher();
        if (user !== undefined) return undiciStream(user, req);
        return dispatch<TransportStreamResponse>(req, (resolve, reject) => new StreamBodyHandler(req, resolve, reject, toFanoutError));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      await h2?.close();
      await Promise.all([...byOrigin.values()].map((entry) => entry.pool.close()));
      pools.clear();
      byOrigin.clear();
    },
  };
}
