import { isIP, type Socket } from 'node:net';
import { NetworkError } from '../errors/network-error.js';
import { proxyAuthorization } from './proxy-route.js';

/** `host:port` as a CONNECT target, IPv6 addresses in brackets. */
export function authorityOf(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/**
 * Opens a `CONNECT host:port` tunnel through an http proxy and gives the raw socket, for the
 * caller to start TLS to the origin inside it (the proxy sees only `host:port`). Both transports
 * tunnel this way. A refusal (any status but 200) is a `NetworkError` `EPROXY`.
 */
export function openTunnel(proxy: URL, host: string, port: number): Promise<Socket> {
  const authority = authorityOf(host, port);
  const auth = proxyAuthorization(proxy);
  return new Promise((resolve, reject) => {
    const request = process.getBuiltinModule('node:http').request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port) || 80,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, 'proxy-connection': 'keep-alive', ...(auth ? { 'proxy-authorization': auth } : {}) },
      agent: false,
    });
    request.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new NetworkError('EPROXY', `Proxy ${proxy.host} refused the tunnel to ${authority}: status ${response.statusCode}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once('error', reject);
    request.end();
  });
}
