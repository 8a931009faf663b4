import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { authorityOf, openTunnel } from './connect-tunnel.js';
import type { ProxyRoute } from './proxy-route.js';

type Callback = (err: Error | null, stream: Duplex) => void;

/**
 * A keep-alive `https.Agent` that opens each connection the way `route` says: directly, or
 * through an http proxy's `CONNECT` tunnel with TLS to the origin inside it. Connections are
 * pooled per origin as usual, so a tunnel is reused.
 */
export class TunnelingHttpsAgent extends https.Agent {
  constructor(
    private readonly route: ProxyRoute | undefined,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || 443;
    const proxy = this.route?.(`https://${authorityOf(host, port)}`);
    if (proxy === undefined || callback === undefined) return super.createConnection(options, callback);
    const { path: _path, ...tlsOptions } = options;
    const servername = options.servername ?? (isIP(host) === 0 ? host : undefined);
    openTunnel(proxy, host, port).then(
      (socket) => callback(null, tlsConnect({ ...tlsOptions, host, port, socket, ...(servername ? { servername } : {}) })),
      (error: Error) => (callback as (error: Error) => void)(error),
    );
    return undefined;
  }
}
