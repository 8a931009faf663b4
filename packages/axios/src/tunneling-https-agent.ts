import type { Agent, AgentOptions, RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { authorityOf, openTunnel, type ProxyRoute } from '@fanout/core/transport';

type Callback = (err: Error | null, stream: Duplex) => void;
type TunnelingAgentClass = new (route: ProxyRoute | undefined, options: AgentOptions) => Agent;

/** The class, made on first use: `node:https` is loaded then, not when core is imported. */
let TunnelingHttpsAgent: TunnelingAgentClass | undefined;

/**
 * A keep-alive `https.Agent` that opens each connection the way `route` says: directly, or
 * through an http proxy's `CONNECT` tunnel with TLS to the origin inside it. Connections are
 * pooled per origin as usual, so a tunnel is reused.
 */
export function tunnelingHttpsAgent(route: ProxyRoute | undefined, options: AgentOptions): Agent {
  TunnelingHttpsAgent ??= tunnelingAgentClass(process.getBuiltinModule('node:https').Agent);
  return new TunnelingHttpsAgent(route, options);
}

function tunnelingAgentClass(HttpsAgent: typeof Agent): TunnelingAgentClass {
  return class extends HttpsAgent {
    constructor(
      private readonly route: ProxyRoute | undefined,
      options: AgentOptions,
    ) {
      super(options);
    }

    override createConnection(options: RequestOptions, callback?: Callback): Duplex | null | undefined {
      const host = options.host ?? 'localhost';
      const port = Number(options.port) || 443;
      const proxy = this.route?.(`https://${authorityOf(host, port)}`);
      if (proxy === undefined || callback === undefined) return super.createConnection(options, callback);
      const { path: _path, ...tlsOptions } = options;
      const servername = options.servername ?? (isIP(host) === 0 ? host : undefined);
      const { connect } = process.getBuiltinModule('node:tls');
      openTunnel(proxy, host, port).then(
        (socket) => callback(null, connect({ ...tlsOptions, host, port, socket, ...(servername ? { servername } : {}) })),
        (error: Error) => (callback as (error: Error) => void)(error),
      );
      return undefined;
    }
  };
}
