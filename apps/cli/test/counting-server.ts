import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';

/** A test upstream that counts requests per path; `/item/N` answers JSON `{ n: N }` after `delayMs`. */
export interface CountingServer {
  readonly url: string;
  /** Requests per path since the last `reset()`. */
  readonly hits: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

/** Options of {@link startCountingServer}. */
export interface CountingServerOptions {
  /** How long each answer waits. @default 0 */
  readonly delayMs?: number;
  /** Paths whose first request gets a 500. */
  readonly failFirst?: (path: string) => boolean;
  /** A binary body per path instead of JSON `{ n: N }`. */
  readonly body?: (path: string) => Buffer;
}

export async function startCountingServer(options: CountingServerOptions = {}): Promise<CountingServer> {
  const hits = new Map<string, number>();
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const first = !seen.has(path);
    seen.add(path);
    setTimeout(() => {
      if (first && options.failFirst?.(path)) {
        res.writeHead(500).end();
        return;
      }
      const body = options.body?.(path) ?? Buffer.from(JSON.stringify({ n: Number(path.split('/').pop()) }));
      res.writeHead(200, { 'content-type': options.body ? 'application/octet-stream' : 'application/json', 'content-length': body.length }).end(body);
    }, options.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    reset: () => hits.clear(),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A counting server of one test file: listening before its tests, closed after them. */
export function useCountingServer(options: CountingServerOptions = {}): CountingServer {
  let server: CountingServer | undefined;
  beforeAll(async () => {
    server = await startCountingServer(options);
  });
  afterAll(() => server?.close());
  const started = (): CountingServer => {
    if (server === undefined) throw new Error('the counting server is not started yet: use it inside a test');
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get hits() {
      return started().hits;
    },
    reset: () => started().reset(),
    close: () => started().close(),
  };
}
