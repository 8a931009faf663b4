import { isIP, connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { toFanoutError } from '../utils/to-fanout-error.js';
import type { Connector } from './http1/origin-pool.js';
import { OriginPool } from './http1/origin-pool.js';
import type { PendingRequest } from './http1/pending-request.js';
import { requestHead } from './http1/request-head.js';
import { TlsSessions } from './http1/tls-sessions.js';
import { AlpnRouter } from './http2/alpn-router.js';
import { proxyRoute } from './proxy-route.js';
import { requestHeaders } from './request-headers.js';
import { tlsConnectOptions, type TlsConnectOptions } from './tls-options.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { undiciTransport } from './undici-transport.js';
import { splitUrl } from './url-parts.js';
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

/** The HTTP/2 side of the transport, or undefined when `httpVersion` is `'1.1'`. */
function alpnRouterFor(
  options: Http1TransportOptions,
  connections: number,
  keepAliveTimeout: number,
  tls: TlsConnectOptions,
  sessions: TlsSessions,
  proxied: (origin: string) => boolean,
  http1: (req: TransportRequest, origin: string, path: string) => Promise<TransportResponse>,
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

/** Opens a TLS socket to `url`'s origin offering `alpn`; its TLS session is resumed and the next one kept. */
function openTls(url: URL, tls: TlsConnectOptions, sessions: TlsSessions, alpn: readonly string[], onread: OnReadOpts): TLSSocket {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const options: ConnectionOptions = { host, port: Number(url.port) || 443, ALPNProtocols: [...alpn], ...tls };
  if (isIP(host) === 0) options.servername = host;
  const origin = url.host;
  // Node's TLS sockets take `onread` as TCP ones do (its types leave it out).
  const socket = process.getBuiltinModule('node:tls').connect({ ...options, session: sessions.get(origin), onread } as ConnectionOptions);
  socket.setNoDelay(true).setKeepAlive(true, 60_000);
  socket.on('session', (session: Buffer) => sessions.set(origin, session));
  return socket;
}

/** What an https pool offers by ALPN: the protocol of its origin is known (HTTP/2 is chosen before the pool, see `AlpnRouter`). */
const HTTP1_ONLY = ['http/1.1'];

/**
 * Opens TCP or TLS connections to one origin; TLS sessions are resumed across its connections.
 * `adopt` gives a TLS connection already made for the origin, when there is one.
 */
function connectorFor(url: URL, tls: TlsConnectOptions, sessions: TlsSessions, adopt: (origin: string, onread: OnReadOpts) => Socket | undefined): Connector {
  const secure = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = Number(url.port) || (secure ? 443 : 80);
  if (!secure) return { readyEvent: 'connect', open: (onread) => netConnect({ host, port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 60_000, onread }) };
  return { readyEvent: 'secureConnect', open: (onread) => adopt(url.origin, onread) ?? openTls(url, tls, sessions, HTTP1_ONLY, onread) };
}

/** One origin's pool, the `Host` header for it, and the spellings of it in URLs that lead to it. */
interface OriginEntry {
  readonly pool: OriginPool;
  readonly host: string;
  readonly spellings: string[];
}

/** Spellings of one origin remembered per pool. */
const MAX_SPELLINGS = 16;

/** Methods whose requests carry a body by definition: sent with `Content-Length: 0` when they have none. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * fanout's own HTTP/1.1 client on `node:net` and `node:tls`, the default transport: keep-alive
 * pools per origin (`connections` each), one request at a time per connection, a strict
 * incremental response parser (chunked, `Content-Length` or close-delimited bodies; 1xx skipped;
 * malformed responses fail with `EPROTO`), the same body handling as the undici transport
 * (gzip, deflate and br decoded, the `maxBodyBytes` cap drops the connection), TLS with the
 * transport's `tls` options and session resumption. It does less per request than a general
 * client: no dispatcher chain, no header objects, no stream per body. What it does not do itself
 * it hands to {@link undiciTransport} with the same options, created on first use: requests that
 * follow redirects, proxied origins and streamed bodies (`stream`, for a `sink`).
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
  const h2 = alpnRouterFor(options, connections, keepAliveTimeout, tls, sessions, (origin) => route?.(origin) !== undefined, (req, origin, path) => sendHttp1(req, origin, path));
  const adopt = (origin: string, onread: OnReadOpts) => h2?.adopt(origin, onread);
  let fallback: Transport | undefined;
  const viaUndici = () => (fallback ??= undiciTransport(options));

  function poolFor(text: string): OriginEntry | undefined {
    const known = pools.get(text);
    if (known !== undefined) return known;
    const url = new URL(text);
    if (route?.(url.origin) !== undefined) return undefined;
    let entry = byOrigin.get(url.origin);
    if (entry === undefined) {
      const spellings: string[] = [];
      const forget = () => {
        byOrigin.delete(url.origin);
        for (const spelling of spellings) pools.delete(spelling);
      };
      entry = { pool: new OriginPool(connectorFor(url, tls, sessions, adopt), connections, keepAliveTimeout, forget), host: url.host, spellings };
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

  function dispatch(req: TransportRequest, path: string, entry: OriginEntry): Promise<TransportResponse> {
    const body = req.body;
    const bodyLength = body === undefined ? (BODY_METHODS.has(req.method) ? 0 : undefined) : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    const head = requestHead(req, entry.host, path, requestHeaders(req.headers), bodyLength);
    return new Promise((resolve, reject) => {
      // A socket or parse error as the `NetworkError` the transport rejects with.
      const handler = new WholeBodyHandler(req, resolve, reject, toFanoutError);
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

  function sendHttp1(req: TransportRequest, origin: string, path: string): Promise<TransportResponse> {
    const entry = poolFor(origin);
    return entry === undefined ? viaUndici().send(req) : dispatch(req, path, entry);
  }

  return {
    name: 'http1',
    stream: (req) => (viaUndici().stream as NonNullable<Transport['stream']>)(req),
    send(req: TransportRequest): Promise<TransportResponse> {
      try {
        if (req.followRedirects) return viaUndici().send(req);
        const { origin, path } = splitUrl(req.url);
        return h2?.send(req, origin, path) ?? sendHttp1(req, origin, path);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async close() {
      await h2?.close();
      await Promise.all([...byOrigin.values()].map((entry) => entry.pool.close()));
      pools.clear();
      byOrigin.clear();
      await fallback?.close();
    },
  };
}
