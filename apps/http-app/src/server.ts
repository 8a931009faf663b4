import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http1Transport, type FanoutOptions } from '@fanout/core';
import { pino, type Logger } from 'pino';
import { AppError } from './app-error.js';
import { answerClientError, answerConnect } from './client-error.js';
import { CONFIG_DEFAULTS } from './config.js';
import type { AppContext } from './context.js';
import { createDispatcher, type Handler } from './dispatch.js';
import { createMetrics, instrumented } from './metrics.js';
import { sendError } from './respond.js';
import { handleCompare } from './routes/compare.js';
import { handleCompareStream } from './routes/compare-stream.js';
import { handleHealth, handleMetrics } from './routes/health.js';
import { handlePosts } from './routes/posts.js';
import { handlePostsStream } from './routes/posts-stream.js';
import { serveFile, staticFiles } from './routes/static.js';
import { handleSweep } from './routes/sweep.js';
import { handleSweepStream } from './routes/sweep-stream.js';
import { handleUpstream } from './routes/upstream.js';
import { CallSlots } from './call-slots.js';
import { LIMITS } from './params.js';
import { watchStalledWrites } from './stalled-writes.js';
import { BASE_HEADERS } from './security-headers.js';
import type { EmbeddedUpstream } from './upstream-shaping.js';

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
  /**
   * Total upstream body bytes one API call may read; items past it fail with `ByteBudgetError`
   * (`EBYTEBUDGET`).
   * @default 8388608 (8 MiB)
   */
  readonly byteBudget?: number;
  /**
   * Time limit of one API call in milliseconds (core's `deadline`): requests still running then
   * fail with `TimeoutError` `EDEADLINE`, and a `Retry-After` that ends later fails at once.
   * @default 30000
   */
  readonly deadlineMs?: number;
  /**
   * How long a client may take to send the request headers, in milliseconds (408 after it).
   * @default 10000
   */
  readonly headersTimeoutMs?: number;
  /**
   * API calls that fetch from the upstream (the streams, `/api/posts`, `/api/compare`,
   * `/api/sweep`; not HEAD) running at once; past it a call gets 503 `EBUSY` with `Retry-After`.
   * The pool to the upstream has `maxCalls × 32` connections, so no call waits for another's.
   * @default 16
   */
  readonly maxCalls?: number;
  /**
   * Such calls one client address may run at once (503 `EBUSY` past it), so that one client
   * cannot take every slot. Behind a reverse proxy every visitor has its address: set it to `maxCalls`.
   * @default 4
   */
  readonly maxCallsPerClient?: number;
  /**
   * Bytes of a stream that may wait in the app for its client; past it the connection is closed
   * and the call's upstream requests cancelled (a client that does not read).
   * @default 1048576 (1 MiB)
   */
  readonly streamBufferBytes?: number;
  /**
   * A response whose client has taken none of what waits for it for this long (ms) is closed,
   * and its call's upstream requests cancelled.
   * @default 30000
   */
  readonly writeTimeoutMs?: number;
  /**
   * The embedded demo upstream at `upstreamUrl`, which each call may shape for its own requests
   * with `latency` and `failRate` (and the page offers controls for). Without it those
   * parameters get a 400.
   * @default undefined (an external upstream)
   */
  readonly embeddedUpstream?: EmbeddedUpstream;
}

/** A created (not yet listening) app. */
export interface App {
  readonly server: Server;
  /** Listens; resolves to the base URL. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Graceful stop: stops accepting, closes idle connections, lets in-flight responses finish
   * for up to `graceMs`, then cuts what is left. Always ends, within about `graceMs`.
   */
  shutdown(graceMs: number): Promise<void>;
}

/** Builds the node:http app: routes, limits, logs, metrics. */
export function createApp(options: AppOptions): App {
  const log = options.logger ?? pino();
  const calls = new CallSlots(options.maxCalls ?? CONFIG_DEFAULTS.maxCalls, options.maxCallsPerClient ?? CONFIG_DEFAULTS.maxCallsPerClient);
  const active = new Set<ServerResponse>();
  const metrics = createMetrics({
    callsOpen: () => calls.size,
    bufferedBytes: () => {
      let bytes = 0;
      for (const res of active) bytes += res.writableLength;
      return bytes;
    },
  });
  const transport = instrumented(http1Transport({ connections: calls.max * LIMITS.maxConcurrency }), metrics);
  const ctx: AppContext = {
    upstreamUrl: options.upstreamUrl.replace(/\/+$/, ''),
    transport,
    metrics,
    runOptions: { timeout: 5000, retry: 1, ...options.runOptions },
    embeddedUpstream: options.embeddedUpstream,
    limits: {
      byteBudget: options.byteBudget ?? CONFIG_DEFAULTS.byteBudget,
      deadlineMs: options.deadlineMs ?? CONFIG_DEFAULTS.deadlineMs,
      streamBufferBytes: options.streamBufferBytes ?? CONFIG_DEFAULTS.streamBufferBytes,
    },
    calls,
  };
  const pageFiles = ['app.js', 'ndjson.js', 'svg.js', 'timeline.js', 'sweep-chart.js', 'style.css', 'favicon.svg'];
  const files = staticFiles(['index.html', ...pageFiles]);
  const file = (name: string) => serveFile(files.get(name) as { type: string; body: Buffer });
  const routes: ReadonlyMap<string, Handler> = new Map<string, Handler>([
    ['/', file('index.html')],
    ...pageFiles.map((name): [string, Handler] => [`/${name}`, file(name)]),
    ['/api/posts', handlePosts],
    ['/api/posts/stream', handlePostsStream],
    ['/api/compare', handleCompare],
    ['/api/compare/stream', handleCompareStream],
    ['/api/sweep', handleSweep],
    ['/api/sweep/stream', handleSweepStream],
    ['/api/upstream', handleUpstream],
    ['/healthz', handleHealth],
    ['/metrics', handleMetrics],
  ]);
  const dispatch = createDispatcher(routes, ctx, log, active);
  const headersTimeout = options.headersTimeoutMs ?? 10_000;

  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(60_000, headersTimeout),
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
      maxHeaderSize: 16 * 1024,
      // Checked by the dispatcher, so that the answer is the app's JSON error.
      requireHostHeader: false,
    },
    dispatch,
  );
  server.on('clientError', answerClientError);
  server.on('connect', answerConnect);
  const stopWatching = watchStalledWrites(active, options.writeTimeoutMs ?? CONFIG_DEFAULTS.writeTimeoutMs, (res) => {
    metrics.responsesCut.inc({ reason: 'stalled' });
    log.warn({ path: res.req.url?.slice(0, 200), waitingBytes: res.writableLength }, 'client stopped reading: connection closed');
    res.destroy();
  });
  // No endpoint takes a body: never send `100 Continue`, answer (and refuse) at once.
  server.on('checkContinue', dispatch);
  server.on('checkExpectation', (req, res: ServerResponse) => {
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    sendError(res, new AppError(417, 'EEXPECTATION', `Expect ${JSON.stringify(req.headers.expect)} is not supported`));
  });

  const drained = () => new Promise<void>((resolve) => {
    const poll = () => (active.size === 0 ? resolve() : setTimeout(poll, 20).unref());
    poll();
  });
  const within = (ms: number, promise: Promise<void>) =>
    Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
      }),
    async shutdown(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await within(graceMs, drained());
      server.closeAllConnections();
      stopWatching();
      await within(1000, closed);
      await within(1000, transport.close());
    },
  };
}
