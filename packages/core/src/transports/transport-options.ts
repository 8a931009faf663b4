/** TLS settings of a transport, for every https request it sends (through a proxy too). */
export interface TransportTlsOptions {
  /**
   * Verify the server's certificate chain and name. `false` is curl's `-k`: anyone on the path
   * can then read and change the traffic.
   * @default true
   */
  readonly rejectUnauthorized?: boolean;
  /**
   * Extra certificate authorities to trust (PEM), added to Node's bundled ones.
   * @default undefined (Node's bundled CAs only)
   * @example { ca: readFileSync('company-ca.pem') }
   */
  readonly ca?: string | Buffer;
  /**
   * Client certificate (PEM) for servers that require one (mTLS); goes with `key`.
   * @default undefined (no client certificate)
   */
  readonly cert?: string | Buffer;
  /**
   * Private key (PEM) of the client certificate `cert`.
   * @default undefined
   */
  readonly key?: string | Buffer;
}

/** Options every built-in transport takes: its pool, proxy and TLS settings. */
export interface TransportOptions {
  /**
   * Connections per origin in the pool (keep-alive).
   * @default 256
   */
  readonly connections?: number;
  /**
   * Proxy URL for every request (`http://[user:pass@]host:port`): http targets are sent to it in
   * absolute form, https targets go through a `CONNECT` tunnel (TLS stays end to end). `false`
   * disables proxies even when the environment sets one.
   * @default undefined: `HTTP_PROXY` for http targets and `HTTPS_PROXY` for https targets (the
   * lower-case names win), read when the transport is created
   * @example { proxy: 'http://proxy.internal:3128' }
   */
  readonly proxy?: string | false;
  /**
   * Hosts that bypass the proxy, in `NO_PROXY` syntax: comma- or space-separated host names
   * (a name also covers its subdomains; a leading `.` or `*.` is ignored), IP addresses,
   * `host:port`, or `*` for every host.
   * @default undefined: `NO_PROXY` / `no_proxy` from the environment
   * @example { noProxy: 'localhost,.internal.example.org,10.0.0.1:8080' }
   */
  readonly noProxy?: string;
  /**
   * TLS settings: `rejectUnauthorized: false` (curl's `-k`), `ca` extra trusted CAs, `cert` +
   * `key` a client certificate (mTLS).
   * @default undefined (verify against Node's bundled CAs, no client certificate)
   */
  readonly tls?: TransportTlsOptions;
  /**
   * HTTP versions the default transport (`http1`) may speak over TLS: `'auto'` offers HTTP/2 and
   * HTTP/1.1 by ALPN and speaks what the server picks (requests to an h2 origin multiplexed on one
   * connection, more only past the server's `MAX_CONCURRENT_STREAMS`); `'1.1'` offers only
   * HTTP/1.1 (curl's `--http1.1`). Plain http is HTTP/1.1 either way; the undici and axios
   * transports speak HTTP/1.1 whatever this says.
   * @default 'auto'
   */
  readonly httpVersion?: 'auto' | '1.1';
}
