import { createServer, type Server } from 'node:http';

/** A test upstream that counts requests per path; `/item/N` answers JSON `{ n: N }` after `delayMs`. */
export interface CountingServer {
  readonly url: string;
  /** Requests per path since the last `reset()`. */
  readonly hits: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingServer(options: { delayMs?: number; failFirst?: (path: string) => boolean; body?: (path: string) => Buffer } = {}): Promise<CountingServer> {
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
