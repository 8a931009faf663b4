import { afterEach, beforeAll } from 'vitest';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * A client that sends `GET path` and never reads a byte of the answer (its socket is paused
 * before anything arrives), from `localAddress` when given (any 127.x.y.z is a client of its own).
 */
export async function neverReadingClient(baseUrl: string, path: string, localAddress?: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) });
  socket.pause();
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(`GET ${path} HTTP/1.1\r\nhost: ${hostname}\r\naccept: application/x-ndjson\r\n\r\n`);
  return socket;
}

/**
 * The server side of each client connection, by the client's port: whether the app still holds a
 * connection is seen there (a paused client does not read, so it never sees the server close).
 */
export function serverSockets(server: Server): (client: Socket) => Socket | undefined {
  const byPort = new Map<number, Socket>();
  server.on('connection', (socket: Socket) => {
    if (socket.remotePort !== undefined) byPort.set(socket.remotePort, socket);
  });
  return (client) => (client.localPort === undefined ? undefined : byPort.get(client.localPort));
}

/**
 * Never-reading clients of the app of one test file: `open` connects one (destroyed after each
 * test), `serverSide` finds the app's end of a client's connection.
 */
export function useNeverReadingClients(app: () => { readonly url: string; readonly server: Server }): {
  open(path: string): Promise<Socket>;
  serverSide(client: Socket): Socket | undefined;
} {
  let serverSide: (client: Socket) => Socket | undefined = () => undefined;
  beforeAll(() => {
    serverSide = serverSockets(app().server);
  });
  const clients: Socket[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  return {
    async open(path) {
      const client = await neverReadingClient(app().url, path);
      clients.push(client);
      return client;
    },
    serverSide: (client) => serverSide(client),
  };
}
