import type { OnReadOpts, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TransportRequest, TransportResponse } from '../transport.js';
import type { AlpnSocket } from './alpn-socket.js';
import { H2Origin } from './h2-origin.js';
import type { H2Request } from './h2-request.js';

/** What the router needs from the HTTP/1.1 transport it sits in. */
export interface AlpnRouterOptions {
  /** Sessions per origin at most (the transport's `connections`). */
  readonly maxSessions: number;
  /** How long an idle session is kept, in milliseconds. */
  readonly idleTimeout: number;
  /** Opens a TLS socket to `origin` (`https://host:port`) offering `alpn`, its reads going to `onread`. */
  openTls(origin: URL, alpn: readonly string[], onread: OnReadOpts): TLSSocket;
  /** Whether requests to `origin` go through a proxy (they take the transport's proxy path). */
  proxied(origin: string): boolean;
  /** Sends a request over HTTP/1.1, on the pool of `origin`. */
  http1(req: TransportRequest, origin: string, path: string): Promise<TransportResponse>;
}

/** Origins remembered as HTTP/1.1 (the server did not pick h2), the least recently learnt forgotten first. */
const MAX_HTTP1_ORIGINS = 1000;
/** Origin spellings mapped to their canonical origin, cleared when full. */
const MAX_SPELLINGS = 1000;

/** Whether an origin (`http://…` or `https://…`, any case, from `splitUrl`) is https. */
function isHttps(origin: string): boolean {
  return origin.charCodeAt(5) === 58 /* : */ && (origin.charCodeAt(4) | 32) === 115; /* s */
}

/**
 * Chooses HTTP/2 or HTTP/1.1 per https origin, by ALPN, the first time a connection to it is
 * made: until then its requests wait for that connection. An origin whose server picked h2 has
 * its requests multiplexed by an {@link H2Origin}; one that picked HTTP/1.1 (or took no part in
 * ALPN) is remembered as such and its requests go to the HTTP/1.1 pool, which adopts the
 * connection. Plain http and proxied origins are never routed here.
 */
export class AlpnRouter {
  private readonly origins = new Map<string, H2Origin>();
  private readonly http1Origins = new Set<string>();
  private readonly spellings = new Map<string, string | undefined>();
  /** Connections that negotiated HTTP/1.1, for the origin's pool to adopt. */
  private readonly handoffs = new Map<string, AlpnSocket>();

  constructor(private readonly options: AlpnRouterOptions) {}

  /** Sends `req` over HTTP/2 or waits for the origin's protocol; undefined when it is an HTTP/1.1 origin. */
  send(req: TransportRequest, origin: string, path: string): Promise<TransportResponse> | undefined {
    if (!isHttps(origin)) return undefined;
    const key = this.canonical(origin);
    if (key === undefined || this.http1Origins.has(key)) return undefined;
    let entry = this.origins.get(key);
    if (entry === undefined) {
      const url = new URL(key);
      const hooks = {
        openTls: (alpn: readonly string[], onread: OnReadOpts) => this.options.openTls(url, alpn, onread),
        toHttp1: (socket: AlpnSocket, requests: H2Request[]) => this.toHttp1(key, socket, requests),
        onEmpty: () => {
          if (this.origins.get(key) === entry) this.origins.delete(key);
        },
      };
      entry = new H2Origin(url.host, hooks, this.options.maxSessions, this.options.idleTimeout);
      this.origins.set(key, entry);
    }
    return entry.send(req, path);
  }

  /** The connection to `origin` that negotiated HTTP/1.1, handed to the pool's next new connection. */
  adopt(origin: string, onread: OnReadOpts): Socket | undefined {
    const handoff = this.handoffs.get(origin);
    if (handoff === undefined) return undefined;
    this.handoffs.delete(origin);
    return handoff.adopt(onread);
  }

  async close(): Promise<void> {
    for (const handoff of this.handoffs.values()) handoff.socket.destroy();
    this.handoffs.clear();
    await Promise.all([...this.origins.values()].map((origin) => origin.close()));
    this.origins.clear();
  }

  private toHttp1(key: string, socket: AlpnSocket, requests: H2Request[]): void {
    this.http1Origins.delete(key);
    this.http1Origins.add(key);
    if (this.http1Origins.size > MAX_HTTP1_ORIGINS) this.http1Origins.delete(this.http1Origins.values().next().value as string);
    this.handoffs.set(key, socket);
    for (const request of requests) if (request.aborted === undefined) request.handOver(this.sendHttp1(request, key));
    // No request took it (all aborted, or the pool had a connection of its own).
    if (this.handoffs.get(key) === socket) {
      this.handoffs.delete(key);
      socket.socket.destroy();
    }
  }

  private sendHttp1(request: H2Request, origin: string): Promise<TransportResponse> {
    try {
      return this.options.http1(request.req, origin, request.path);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** `origin`'s canonical form (`HTTPS://Host:443` is `https://host`), undefined when it goes through a proxy. */
  private canonical(origin: string): string | undefined {
    const known = this.spellings.get(origin);
    if (known !== undefined || this.spellings.has(origin)) return known;
    const key = new URL(origin).origin;
    const routed = this.options.proxied(key) ? undefined : key;
    if (this.spellings.size >= MAX_SPELLINGS) this.spellings.clear();
    this.spellings.set(origin, routed);
    return routed;
  }
}
