import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadDataset, RESOURCES, type Dataset, type Resource } from './dataset.js';
import { handleFault, type HitCounter } from './faults.js';
import { BEHAVIOUR_DEFAULTS, type DemoUpstreamOptions, type UpstreamBehaviour } from './options.js';
import { seededRandom } from './random.js';
import { readShaping, ShapingHeaderError, type RequestShaping } from './request-shaping.js';
import { emptyStats, type UpstreamStats } from './stats.js';

/** A running demo upstream. */
export interface DemoUpstream {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Live counters of what the server saw. */
  readonly stats: UpstreamStats;
  /** Changes latency, jitter or faults from now on. */
  configure(behaviour: Partial<UpstreamBehaviour>): void;
  /** Zeroes the counters and the `flaky` hit counts. */
  resetStats(): void;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function routeData(data: Dataset, path: string, query: URLSearchParams): { status: number; body: string } | undefined {
  const parts = path.split('/').filter(Boolean);
  const resource = parts[0] as Resource;
  if (!RESOURCES.includes(resource) || parts.length > 3) return undefined;
  if (parts.length === 1) {
    let rows = data.rows[resource];
    for (const [key, value] of query) rows = rows.filter((row) => String(row[key]) === value);
    return { status: 200, body: JSON.stringify(rows) };
  }
  const id = Number(parts[1]);
  const row = Number.isInteger(id) ? data.json[resource].get(id) : undefined;
  if (parts.length === 2) return row === undefined ? { status: 404, body: '{}' } : { status: 200, body: row };
  const child = parts[2] as Resource;
  const parentKey = `${resource.slice(0, -1)}Id`;
  if (!RESOURCES.includes(child) || row === undefined) return { status: 404, body: '{}' };
  return { status: 200, body: JSON.stringify(data.rows[child].filter((item) => item[parentKey] === id)) };
}

/**
 * Starts a jsonplaceholder-compatible server with the real data on loopback: `/posts`,
 * `/posts/:id`, `/posts/:id/comments`, `/comments`, `/users`, `/todos` (filters like
 * `?userId=1`), simulated latency, injected failures and the faults of `/__fault/…`.
 *
 * @example
 * const upstream = await startDemoUpstream({ latency: 150 });
 * await fetch(`${upstream.url}/posts/1`);
 * await upstream.close();
 */
export async function startDemoUpstream(options: DemoUpstreamOptions = {}): Promise<DemoUpstream> {
  const data = loadDataset();
  let behaviour: UpstreamBehaviour = { ...BEHAVIOUR_DEFAULTS, ...withoutUndefined(options) };
  let random = seededRandom(behaviour.seed);
  let stats = emptyStats();
  const hits: HitCounter = new Map();
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const current = stats;
    current.requests++;
    current.inFlight++;
    current.maxInFlight = Math.max(current.maxInFlight, current.inFlight);
    const target = new URL(req.url ?? '/', 'http://upstream');
    current.byPath.set(target.pathname, (current.byPath.get(target.pathname) ?? 0) + 1);
    res.on('close', () => {
      current.inFlight--;
      if (res.writableFinished) current.completed++;
      else current.aborted++;
    });
    req.resume();

    if (target.pathname.startsWith('/__fault/')) {
      if (!handleFault(req, res, target.pathname, target.searchParams, hits)) {
        res.writeHead(404, JSON_HEADERS).end('{"error":"unknown fault"}');
      }
      return;
    }
    let shaping: RequestShaping;
    try {
      shaping = readShaping(req.headers);
    } catch (error) {
      if (!(error instanceof ShapingHeaderError)) throw error;
      res.writeHead(400, JSON_HEADERS).end(JSON.stringify({ error: error.message }));
      return;
    }
    // This request's own latency and failure rate, when it asked for them: no other request's.
    const latency = shaping.latency ?? behaviour.latency;
    const failRate = shaping.failRate ?? behaviour.failRate;
    const respond = () => {
      if (res.destroyed) return;
      if (failRate > 0 && random() < failRate) {
        if (behaviour.failWith === 'reset') req.socket.destroy();
        else res.writeHead(behaviour.failWith, JSON_HEADERS).end(JSON.stringify({ error: 'injected failure' }));
        return;
      }
      const found = req.method === 'GET' || req.method === 'HEAD' ? routeData(data, target.pathname, target.searchParams) : undefined;
      const { status, body } = found ?? { status: 404, body: '{}' };
      res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(body) }).end(body);
    };
    const delay = latency + (behaviour.jitter > 0 ? random() * behaviour.jitter : 0);
    if (delay > 0) {
      const timer = setTimeout(respond, delay);
      res.on('close', () => clearTimeout(timer));
    } else {
      respond();
    }
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    get stats() {
      return stats;
    },
    configure(next) {
      behaviour = { ...behaviour, ...withoutUndefined(next) };
      if (next.seed !== undefined) random = seededRandom(next.seed);
    },
    resetStats() {
      stats = emptyStats();
      hits.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
