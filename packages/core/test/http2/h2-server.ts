import { once } from 'node:events';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session, type SecureServerOptions, type ServerHttp2Stream, type Settings } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useCertificates } from '../network/network-helpers.js';

/** A `node:http2` secure server (HTTP/1.1 allowed) on 127.0.0.1 port 0, with counts kept at the server. */
export interface H2TestServer {
  readonly url: string;
  /** TLS connections accepted, whatever their protocol. */
  readonly connections: number;
  /** HTTP/2 sessions opened. */
  readonly sessions: number;
  /** Requests by the HTTP version they came in (`'2.0'`, `'1.1'`). */
  readonly versions: Record<string, number>;
  /** Streams open at once on one session, at most, over all sessions. */
  readonly maxStreamsPerSession: number;
  /** Streams the client closed before the response was complete (`RST_STREAM` from the client). */
  readonly cancelled: number;
  readonly liveSessions: ReadonlySet<Http2Session>;
  reset(): void;
  close(): Promise<void>;
}

/** What the test's handler gets: Node's compatibility API, plus the raw stream. */
export type H2Handler = (req: Http2ServerRequest, res: Http2ServerResponse, body: Buffer) => void;

export interface H2ServerOptions {
  readonly settings?: Settings;
  /** ALPN protocols the server offers (default: h2 and http/1.1). */
  readonly alpn?: string[];
  readonly extra?: Partial<SecureServerOptions>;
}

export async function startH2Server(tls: { key: string; cert: string }, handler: H2Handler, options: H2ServerOptions = {}): Promise<H2TestServer> {
  const server = createSecureServer({ ...tls, allowHTTP1: true, settings: options.settings, ...(options.alpn ? { ALPNProtocols: options.alpn } : {}), ...options.extra });
  let connections = 0;
  let sessions = 0;
  let maxStreams = 0;
  let cancelled = 0;
  let versions: Record<string, number> = {};
  const live = new Set<Http2Session>();
  const sockets = new Set<TLSSocket>();
  server.on('secureConnection', (socket: TLSSocket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('session', (session: Http2Session) => {
    sessions++;
    live.add(session);
    let open = 0;
    session.on('stream', (stream: ServerHttp2Stream) => {
      open++;
      maxStreams = Math.max(maxStreams, open);
      stream.once('close', () => {
        open--;
        if (stream.rstCode === 8) cancelled++;
      });
    });
    session.once('close', () => live.delete(session));
  });
  server.on('request', (req: Http2ServerRequest, res: Http2ServerResponse) => {
    versions[req.httpVersion] = (versions[req.httpVersion] ?? 0) + 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get sessions() {
      return sessions;
    },
    get versions() {
      return versions;
    },
    get maxStreamsPerSession() {
      return maxStreams;
    },
    get cancelled() {
      return cancelled;
    },
    liveSessions: live,
    reset() {
      connections = sessions = maxStreams = cancelled = 0;
      versions = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of live) session.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Certificates and one h2 server for the test file, its counts reset before each test. */
export function useH2Server(handler: H2Handler, options: H2ServerOptions = {}): { readonly server: H2TestServer; readonly ca: string } {
  const pem = useCertificates();
  const holder = {} as { server: H2TestServer; ca: string };
  beforeAll(async () => {
    holder.ca = pem.certs.caCert;
    holder.server = await startH2Server({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, handler, options);
  });
  beforeEach(() => holder.server.reset());
  afterAll(() => holder.server.close());
  return holder;
}

/** Answers with what the request was: method, path, version, headers, body. */
export const echoH2: H2Handler = (req, res, body) => {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith(':')));
  res.writeHead(200, { 'content-type': 'application/json', 'x-reply': 'yes' });
  res.end(JSON.stringify({ method: req.method, path: req.url, version: req.httpVersion, headers, body: body.toString('utf8') }));
};
