import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A tiny upstream for one test file: its handler decides every answer; requests are counted. */
export interface TestUpstream {
  readonly url: string;
  /** Requests received, by path, since the start or the last `reset`. */
  readonly requests: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startTestUpstream(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestUpstream> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    req.resume();
    handler(req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    reset: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** The post id of an upstream request path `/posts/:id`, or NaN. */
export function postId(req: IncomingMessage): number {
  return Number(/^\/posts\/(\d+)$/.exec(req.url ?? '')?.[1]);
}

/** Answers a post as JSON of about `bytes` bytes. */
export function sendPost(res: ServerResponse, id: number, bytes = 0): void {
  const body = JSON.stringify({ id, title: `post ${id}`, body: 'x'.repeat(bytes) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
