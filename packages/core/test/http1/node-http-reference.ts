import { get, type IncomingMessage } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** What node:http (llhttp, strict mode) made of a response: status and body, or that it refused it. */
export type Reading = { readonly ok: true; readonly status: number; readonly body: string } | { readonly ok: false };

/**
 * A loopback server that answers each connection's request with the next bytes it is given and
 * closes its side, and a node:http client that reads them: Node's own parser as the reference.
 */
export class NodeHttpReference {
  private readonly queue: Buffer[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server, private readonly port: number) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      const bytes = this.queue.shift() ?? Buffer.alloc(0);
      // The answer after the request head, then end of the connection (a close-delimited body ends there).
      socket.once('data', () => socket.end(bytes));
    });
  }

  static async start(): Promise<NodeHttpReference> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new NodeHttpReference(server, (server.address() as AddressInfo).port);
  }

  /** How node:http reads `bytes` as the response to a GET. */
  read(bytes: Buffer): Promise<Reading> {
    this.queue.push(bytes);
    return new Promise((resolve) => {
      let settled = false;
      let response: IncomingMessage | undefined;
      const chunks: Buffer[] = [];
      // A response node:http read to its end counts as read, whatever came after it (bytes past
      // its end are the connection's fault, which fails the socket a moment later).
      const settle = () => {
        if (settled) return;
        settled = true;
        resolve(response?.complete === true ? { ok: true, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') } : { ok: false });
      };
      const request = get({ host: '127.0.0.1', port: this.port, path: '/', agent: false }, (res) => {
        response = res;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        for (const event of ['end', 'aborted', 'error', 'close']) res.on(event, settle);
      });
      request.on('error', settle);
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
