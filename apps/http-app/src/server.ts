import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { undiciTransport, type FanoutOptions } from '@fanout/core';
import { pino, type Logger } from 'pino';
import { AppError } from './app-error.js';
import type { AppContext, RequestScope } from './context.js';
import { createMetrics, instrumented } from './metrics.js';
import { sendError } from './respond.js';
import { handleCompare } from './routes/compare.js';
import { handleHealth, handleMetrics } from './routes/health.js';
import { handlePosts } from './routes/posts.js';
import { handlePostsStream } from './routes/posts-stream.js';
import { serveFile, staticFiles } from './routes/static.js';

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope) => void | Promise<void>;

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Base URL of the jsonplaceholder-compatible upstream the app fetches from. */
  readonly upstreamUrl: string;
  /** @default pino at level `info` on stdout */
  readonly logger?: Logger;
  /**
   * Core options for each run (the transport is the app's own, shared keep-alive pool).
   * @default { timeout: 5000, retry: 1 }
   */
  readonly runOptions?: FanoutOptions;
}

/** A created (not yet listening) app. */
export interface App {
  readonly server: Server;
  /** Listens; resolves to the base URL. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Graceful stop: stops accepting, closes idle connections, lets in-flight responses finish
   * for up to `graceMs`, then cuts what is left.
   */
  shutdown(graceMs: number): Promise<void>;
}

const REQUEST_ID = /^[\w-]{1,64}$/;

/** Builds the node:http app: routes, limits, logs, metrics. */
export function createApp(options: AppOptions): App {
  const log = options.logger ?? pino();
  const metrics = createMetrics();
  const transport = instrumented(undiciTransport({ connections: 128 }), metrics);
  const ctx: AppContext = {
    upstreamUrl: options.upstreamUrl.replace(/\/+$/, ''),
    transport,
    metrics,
    runOptions: { timeout: 5000, retry: 1, ...options.runOptions },
  };
  const files = staticFiles(['index.html', 'app.js', 'style.css']);
  const file = (name: string) => serveFile(files.get(name) as { type: string; body: Buffer });
  const routes: ReadonlyMap<string, Handler> = new Map<string, Handler>([
    ['/', file('index.html')],
    ['/app.js', file('app.js')],
    ['/style.css', file('style.css')],
    ['/api/posts', handlePosts],
    ['/api/posts/stream', handlePostsStream],
    ['/api/compare', handleCompare],
    ['/healthz', handleHealth],
    ['/metrics', handleMetrics],
  ]);
  const active = new Set<ServerResponse>();

  const server = createServer(
    {
      headersTimeout: 10_000,
      requestTimeout: 60_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      const started = performance.now();
      const header = req.headers['x-request-id'];
      const reqId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      res.setHeader('x-request-id', reqId);
      const url = new URL(req.url ?? '/', 'http://app.local');
      const handler = routes.get(url.pathname);
      const route = handler ? url.pathname : 'unknown';
      const scope: RequestScope = { url, log: log.child({ reqId }) };
      active.add(res);
      res.on('close', () => {
        active.delete(res);
        metrics.requests.inc({ route, method: req.method ?? '', status: String(res.statusCode) });
        scope.log.info({ method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started), finished: res.writableFinished }, 'request');
      });
      void (async () => {
        if (!handler) throw new AppError(404, 'ENOTFOUND', `No route ${url.pathname}; see GET / for the page and /api/posts?ids=1,2,3 for the API`);
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          throw new AppError(405, 'EMETHOD', `Method ${req.method} is not allowed on ${url.pathname}; use GET`, { allow: 'GET, HEAD' });
        }
        req.resume();
        await handler(req, res, ctx, scope);
      })().catch((error: unknown) => {
        if (!(error instanceof AppError)) scope.log.error({ err: error }, 'unexpected error');
        sendError(res, error);
      });
    },
  );

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
      }),
    async shutdown(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      deadline.unref();
      while (active.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      server.closeAllConnections();
      clearTimeout(deadline);
      await closed;
      await transport.close();
    },
  };
}
