import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server with a capacity knee: it serves `capacity` requests at once, each in
 * `latency` ms, queues up to `queue` more, and sheds the rest with 429. Counts what it saw:
 * requests served, requests shed, and the most in flight (serving + queued) since `mark()`.
 */
export interface KneeServer {
  readonly url: string;
  served: number;
  shed: number;
  /** The most requests in flight (serving + queued) since the last `mark()`. */
  maxInFlight: number;
  capacity: number;
  mark(): void;
  close(): Promise<void>;
}

export async function startKneeServer(options: { capacity: number; latency: number; queue: number }): Promise<KneeServer> {
  const waiting: Array<() => void> = [];
  let active = 0;
  const state = {
    url: '',
    served: 0,
    shed: 0,
    maxInFlight: 0,
    capacity: options.capacity,
    mark() {
      state.maxInFlight = active + waiting.length;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const next = () => {
    while (active < state.capacity && waiting.length > 0) waiting.shift()?.();
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    const serve = () => {
      active++;
      setTimeout(() => {
        active--;
        state.served++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        next();
      }, options.latency);
    };
    if (active < state.capacity && waiting.length === 0) serve();
    else if (waiting.length < options.queue) waiting.push(serve);
    else {
      state.shed++;
      res.writeHead(429, { 'content-type': 'application/json' }).end('{"error":"over capacity"}');
      return;
    }
    state.maxInFlight = Math.max(state.maxInFlight, active + waiting.length);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
