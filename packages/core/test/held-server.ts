import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, type ServerResponse } from 'node:http';

/**
 * A local HTTP server that holds every request until the test lets it go, so that "how many
 * were in flight at once" is counted at the server and never depends on timing.
 */
export interface HeldServer {
  readonly url: string;
  /** Requests received (arrival order, by path). */
  readonly arrivals: readonly string[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly completed: number;
  /** Answers held requests whenever at least `n` are held (`Infinity`: only by `releaseOne`). */
  releaseWhen(n: number): void;
  /** Answers the oldest held request (or the one for `path`); false when none is held. */
  releaseOne(path?: string): boolean;
  resetStats(): void;
  close(): Promise<void>;
}

export async function startHeldServer(): Promise<HeldServer> {
  const held: { res: ServerResponse; path: string }[] = [];
  const arrivals: string[] = [];
  let threshold = Infinity;
  let maxInFlight = 0;
  let completed = 0;
  const answer = (entry: { res: ServerResponse; path: string }) => {
    completed++;
    entry.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: entry.path }));
  };
  const flush = () => {
    if (held.length >= threshold) for (const entry of held.splice(0)) answer(entry);
  };
  const server = createServer((req, res) => {
    const entry = { res, path: req.url ?? '/' };
    arrivals.push(entry.path);
    held.push(entry);
    maxInFlight = Math.max(maxInFlight, held.length);
    res.on('close', () => {
      const at = held.indexOf(entry);
      if (at >= 0) held.splice(at, 1);
    });
    flush();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    get inFlight() {
      return held.length;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get completed() {
      return completed;
    },
    releaseWhen(n) {
      threshold = n;
      flush();
    },
    releaseOne(path) {
      const at = path === undefined ? 0 : held.findIndex((entry) => entry.path === path);
      const [entry] = at < 0 ? [] : held.splice(at, 1);
      if (entry) answer(entry);
      return entry !== undefined;
    },
    resetStats() {
      arrivals.length = 0;
      maxInFlight = held.length;
      completed = 0;
    },
    close() {
      for (const entry of held.splice(0)) entry.res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `condition()` holds, polling; fails after a generous `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Lets `total` held requests go one at a time, each time after the server has `limit` in flight
 * again (or all that remain): a client that broke its limit would show it in `maxInFlight`.
 */
export async function releaseSteadily(server: HeldServer, total: number, limit: number): Promise<void> {
  while (server.completed < total) {
    await waitFor(() => server.inFlight >= Math.min(limit, total - server.completed));
    server.releaseOne();
  }
}

/** One held server for the test file, its counters reset and its releases manual before each test. */
export function useHeldServer(): { readonly server: HeldServer } {
  const holder = {} as { server: HeldServer };
  beforeAll(async () => {
    holder.server = await startHeldServer();
  });
  beforeEach(() => {
    holder.server.releaseWhen(Infinity);
    holder.server.resetStats();
  });
  afterAll(() => holder.server.close());
  return holder;
}
