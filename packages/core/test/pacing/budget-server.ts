import { createServer, type OutgoingHttpHeaders } from 'node:http';

/** How the budget server announces its budget. */
export type BudgetFlavour = 'ratelimit-field' | 'ratelimit-draft-07' | 'ratelimit-triplet' | 'x-ratelimit';

export interface BudgetServer {
  readonly url: string;
  /** Requests answered 200 (within the window's budget). */
  readonly ok: number;
  /** Requests answered 429 (over the budget): what pacing must keep at zero. */
  readonly tooMany: number;
  close(): Promise<void>;
}

/**
 * A loopback server that enforces a fixed-window budget by its own clock (`limit` requests per
 * `windowMs`, windows counted from its start), announces it on every response in `flavour`'s
 * headers with the reset rounded UP to whole seconds (as servers do), and answers 429 (with
 * `Retry-After`) past it. It counts, so tests assert at the server, not on durations.
 */
export async function startBudgetServer(flavour: BudgetFlavour, limit: number, windowMs: number): Promise<BudgetServer> {
  const start = Date.now();
  let window = -1;
  let used = 0;
  let ok = 0;
  let tooMany = 0;
  const server = createServer((_req, res) => {
    const now = Date.now();
    const current = Math.floor((now - start) / windowMs);
    if (current !== window) {
      window = current;
      used = 0;
    }
    used++;
    const windowEnd = start + (current + 1) * windowMs;
    const resetSeconds = Math.ceil((windowEnd - now) / 1000);
    const remaining = Math.max(0, limit - used);
    const headers = announce(flavour, limit, remaining, resetSeconds, windowEnd, windowMs);
    if (used > limit) {
      tooMany++;
      res.writeHead(429, { ...headers, 'retry-after': String(resetSeconds) }).end();
      return;
    }
    ok++;
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get ok() {
      return ok;
    },
    get tooMany() {
      return tooMany;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function announce(flavour: BudgetFlavour, limit: number, remaining: number, resetSeconds: number, windowEnd: number, windowMs: number): OutgoingHttpHeaders {
  const w = Math.ceil(windowMs / 1000);
  switch (flavour) {
    case 'ratelimit-field':
      return { ratelimit: `"window";r=${remaining};t=${resetSeconds}`, 'ratelimit-policy': `"window";q=${limit};w=${w}` };
    case 'ratelimit-draft-07':
      return { ratelimit: `limit=${limit}, remaining=${remaining}, reset=${resetSeconds}`, 'ratelimit-policy': `${limit};w=${w}` };
    case 'ratelimit-triplet':
      return { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(resetSeconds) };
    case 'x-ratelimit':
      // GitHub's form: the reset as a Unix epoch in seconds (rounded up).
      return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.ceil(windowEnd / 1000)) };
  }
}
