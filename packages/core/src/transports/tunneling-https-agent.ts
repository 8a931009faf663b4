import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { NetworkError } from '../errors/network-error.js';
import { proxyAuthorization, type ProxyRoute } from './proxy-route.js';

type Callback = (err: Error | null, stream: Duplex) => void;

/**
 * A keep-alive `https.Agent` that opens each connection the way `route` says: directly, or
 * through an http proxy's `CONNECT` tunnel with TLS to the origin inside it (the proxy sees only
 * `host:port`). Connections are pooled per origin as usual, so a tunnel is reused.
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
    const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
    const proxy = this.route?.(`https://${authority}`);
    if (proxy === undefined || callback === undefined) return super.createConnection(options, callback);
    const fail = callback as (error: Error) => void;
    const auth = proxyAuthorization(proxy);
    const request = http.request({
      host: proxy.hostname,
      port: Number(proxy.port) || 80,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false,
    });
    request.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        fail(new NetworkError('EPROXY', `Proxy ${proxy.host} refused the tunnel to ${authority}: status ${response.statusCode}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const { path: _path, ...tlsOptions } = options;
      const servername = options.servername ?? (isIP(host) === 0 ? host : undefined);
      callback(null, tlsConnect({ ...tlsOptions, host, port, socket, ...(servername ? { servername } : {}) }));
    });
    request.once('error', fail);
    request.end();
    return undefined;
  }
}
