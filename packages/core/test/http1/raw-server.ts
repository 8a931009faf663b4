import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request as the raw server read it off the wire. */
export interface RawRequest {
  readonly method: string;
  readonly target: string;
  /** The request line and header lines, exactly as received (latin1), without the blank line. */
  readonly head: string;
  /** Header values by lower-case name (the last one when repeated). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Which connection it came on (1 for the first the server accepted). */
  readonly connection: number;
  /** Its place on that connection (1 for the first request on it). */
  readonly nth: number;
}

/**
 * A `node:net` server that reads HTTP/1.1 requests (head and `Content-Length` body) and leaves
 * the answer to the test, which writes exact bytes on the socket. Counts are kept at the server.
 */
export interface RawServer {
  readonly url: string;
  readonly port: number;
  /** Connections accepted. */
  readonly connections: number;
  /** Connections open now, and at most at once. */
  readonly open: number;
  readonly maxOpen: number;
  /** Connections accepted since the last reset that closed since (by either side). */
  readonly closed: number;
  /** Every request received, in order. */
  readonly requests: readonly RawRequest[];
  /** Every byte received, over all connections. */
  readonly received: string;
  /** TLS only: connections that resumed a session, and the server name each sent (SNI; `false` for none). */
  readonly resumed: number;
  readonly servernames: readonly (string | false)[];
  /** Forgets the counts (not the connections). */
  reset(): void;
  close(): Promise<void>;
}

/** What the test does with a request: writes its answer on `socket` (or not). */
export type Respond = (socket: Socket, request: RawRequest) => void;

function parseHead(head: string, body: Buffer, connection: number, nth: number): RawRequest {
  const lines = head.split('\r\n');
  const [method = '', target = ''] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, target, head, headers, body, connection, nth };
}

/** The key and certificate of a TLS raw server. */
export interface RawTlsOptions {
  readonly key: string;
  readonly cert: string;
}

export async function startRawServer(respond: Respond, tls?: RawTlsOptions): Promise<RawServer> {
  let connections = 0;
  let open = 0;
  let maxOpen = 0;
  let closed = 0;
  let received = '';
  let resumed = 0;
  const servernames: (string | false)[] = [];
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let generation = 0;
  const accept = (socket: Socket) => {
    const connection = ++connections;
    const born = generation;
    if (tls !== undefined) {
      const secure = socket as TLSSocket;
      if (secure.isSessionReused()) resumed++;
      servernames.push(secure.servername ?? false);
    }
    open++;
    maxOpen = Math.max(maxOpen, open);
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open--;
      if (born === generation) closed++;
      sockets.delete(socket);
    });
    let buffered = Buffer.alloc(0);
    let nth = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffered.toString('latin1', 0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = Buffer.from(buffered.subarray(end + 4, end + 4 + length));
        buffered = buffered.subarray(end + 4 + length);
        const request = parseHead(head, body, connection, ++nth);
        requests.push(request);
        respond(socket, request);
      }
    });
  };
  const server: Server = tls === undefined ? createServer(accept) : createTlsServer({ key: tls.key, cert: tls.cert }, accept);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
    get closed() {
      return closed;
    },
    requests,
    get received() {
      return received;
    },
    get resumed() {
      return resumed;
    },
    servernames,
    reset() {
      generation++;
      resumed = 0;
      servernames.length = 0;
      connections = 0;
      maxOpen = open;
      closed = 0;
      received = '';
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One raw server for the test file (started before all, closed after), its counts reset before each test. */
export function useRawServer(respond: Respond, tls?: () => RawTlsOptions): { readonly server: RawServer } {
  const holder = {} as { server: RawServer };
  beforeAll(async () => {
    holder.server = await startRawServer(respond, tls?.());
  });
  beforeEach(() => holder.server.reset());
  afterAll(() => holder.server?.close());
  return holder;
}

/** A complete response with a `Content-Length` body. */
export function response(body: string, headers: readonly string[] = [], status = '200 OK'): string {
  return [`HTTP/1.1 ${status}`, `content-length: ${Buffer.byteLength(body)}`, ...headers, '', body].join('\r\n');
}
