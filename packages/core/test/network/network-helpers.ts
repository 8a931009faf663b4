import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A server started for a test file, with counts kept at the server. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted (TLS handshakes attempted, on an HTTPS server). */
  readonly connections: number;
  /** Requests that reached the handler. */
  readonly requests: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

async function listen(server: Server, protocol: 'http' | 'https', handler: Handler): Promise<TestServer> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An http server answering each request with `handler`. */
export function startHttpServer(handler: Handler): Promise<TestServer> {
  return listen(createServer(), 'http', handler);
}

/** An https server with the given certificate (and client-certificate) options. */
export function startHttpsServer(options: ServerOptions, handler: Handler): Promise<TestServer> {
  return listen(createHttpsServer(options), 'https', handler);
}

/** What the echo server saw: the request as JSON. */
export interface Echo {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The body, base64. */
  readonly body: string;
}

/** Answers every request with what it received, as `application/json`. */
export const echo: Handler = (req, res, body) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const json = JSON.stringify({ method: req.method ?? '', url: req.url ?? '', headers, body: body.toString('base64') } satisfies Echo);
  res.writeHead(200, { 'content-type': 'application/json' }).end(json);
};

/** Starts a server for the file (beforeAll) and closes it after (afterAll). */
export function useServer(start: () => Promise<TestServer>): { readonly server: TestServer } {
  const holder = {} as { server: TestServer };
  beforeAll(async () => {
    holder.server = await start();
  });
  afterAll(() => holder.server?.close());
  return holder;
}

/** PEM files made by openssl for one test file: a CA, certificates it signed, a self-signed one. */
export interface Certificates {
  readonly caCert: string;
  /** Signed by the CA for 127.0.0.1 and localhost. */
  readonly serverKey: string;
  readonly serverCert: string;
  /** Self-signed, for 127.0.0.1 and localhost. */
  readonly selfSignedKey: string;
  readonly selfSignedCert: string;
  /** Signed by the CA for another name only (other.test). */
  readonly wrongNameKey: string;
  readonly wrongNameCert: string;
  /** Signed by the CA for 127.0.0.1, its validity over (it ends a day before it begins). */
  readonly expiredKey: string;
  readonly expiredCert: string;
  /** A client certificate (clientAuth) signed by the CA. */
  readonly clientKey: string;
  readonly clientCert: string;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function signed(dir: string, name: string, subject: string, extensions: string, days = '2'): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, 'req', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', days, '-out', `${name}.crt`, '-extfile', `${name}.ext`);
}

/** Makes the test certificates with openssl in a temporary directory (beforeAll), removed afterwards. */
export function useCertificates(): { readonly certs: Certificates } {
  const holder = {} as { certs: Certificates };
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fanout-certs-'));
    const at = dir;
    openssl(at, 'req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=fanout test CA');
    openssl(at, 'req', '-x509', ...EC_KEY, '-keyout', 'self.key', '-out', 'self.crt', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
    signed(at, 'server', '/CN=localhost', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    signed(at, 'wrong', '/CN=other.test', 'subjectAltName=DNS:other.test\nextendedKeyUsage=serverAuth\n');
    signed(at, 'client', '/CN=fanout test client', 'extendedKeyUsage=clientAuth\n');
    signed(at, 'expired', '/CN=localhost', 'subjectAltName=IP:127.0.0.1,DNS:localhost\n', '-1');
    const read = (file: string) => readFileSync(join(at, file), 'utf8');
    holder.certs = {
      caCert: read('ca.crt'),
      serverKey: read('server.key'),
      serverCert: read('server.crt'),
      selfSignedKey: read('self.key'),
      selfSignedCert: read('self.crt'),
      wrongNameKey: read('wrong.key'),
      wrongNameCert: read('wrong.crt'),
      expiredKey: read('expired.key'),
      expiredCert: read('expired.crt'),
      clientKey: read('client.key'),
      clientCert: read('client.crt'),
    };
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return holder;
}

/** A forward proxy that counts what it relays. */
export interface TestProxy {
  readonly url: string;
  /** Absolute-form requests relayed (`http://host:port/path`). */
  readonly forwarded: string[];
  /** `CONNECT host:port` tunnels opened. */
  readonly tunnels: string[];
  /** `Proxy-Authorization` values received, in arrival order. */
  readonly authorizations: (string | undefined)[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * A real forward proxy on node:http: absolute-form requests are relayed (http targets), `CONNECT`
 * opens a TCP tunnel (https targets). `refuseConnect` answers every CONNECT with 403.
 */
export async function startProxy(options: { refuseConnect?: boolean } = {}): Promise<TestProxy> {
  const forwarded: string[] = [];
  const tunnels: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    forwarded.push(req.url ?? '');
    authorizations.push(req.headers['proxy-authorization']);
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    authorizations.push(req.headers['proxy-authorization']);
    if (options.refuseConnect) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), (host ?? '').replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    tunnels,
    authorizations,
    reset() {
      forwarded.length = 0;
      tunnels.length = 0;
      authorizations.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Starts a proxy for the file, reset before each test by the caller if needed. */
export function useProxy(options: { refuseConnect?: boolean } = {}): { readonly proxy: TestProxy } {
  const holder = {} as { proxy: TestProxy };
  beforeAll(async () => {
    holder.proxy = await startProxy(options);
  });
  afterAll(() => holder.proxy?.close());
  return holder;
}
