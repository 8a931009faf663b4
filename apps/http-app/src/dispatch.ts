import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AppError } from './app-error.js';
import type { AppContext, RequestScope } from './context.js';
import { parseRequestTarget } from './request-target.js';
import { hasBody, sendError } from './respond.js';
import { BASE_HEADERS } from './security-headers.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope) => void | Promise<void>;

const REQUEST_ID = /^[\w-]{1,64}$/;

/** How many `Host` lines the request has. */
function hostLines(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]?.toLowerCase() === 'host') count++;
  return count;
}

/** Checks a request before its handler runs: target, Host, route, method, no body. */
function admit(req: IncomingMessage, routes: ReadonlyMap<string, Handler>): { url: URL; handler: Handler } {
  const url = parseRequestTarget(req.url);
  if (req.httpVersion === '1.1' && req.headers.host === undefined) throw new AppError(400, 'EBADHOST', 'An HTTP/1.1 request needs a Host header');
  // Node keeps the first of several Host lines; RFC 9112 §3.2 asks for a 400 (proxies may have read another one).
  if (hostLines(req.rawHeaders) > 1) throw new AppError(400, 'EBADHOST', 'A request may have one Host header, got several');
  const handler = routes.get(url.pathname);
  if (!handler) throw new AppError(404, 'ENOTFOUND', `No route ${url.pathname.slice(0, 200)}; see GET / for the page and /api/posts?ids=1,2,3 for the API`);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new AppError(405, 'EMETHOD', `Method ${req.method} is not allowed on ${url.pathname}; use GET`, { allow: 'GET, HEAD' });
  }
  if (hasBody(req)) {
    const size = req.headers['content-length'] ?? `transfer-encoding ${req.headers['transfer-encoding']}`;
    throw new AppError(413, 'EREQUESTBODY', `${url.pathname} takes no request body (got ${size})`);
  }
  return { url, handler };
}

/**
 * The request listener: sets the base headers and a request id, admits the request, runs its
 * handler, and answers any failure with the JSON error shape (a 500 only for a bug, logged).
 * Nothing a client sends can throw out of it. `active` holds the responses not yet closed.
 */
export function createDispatcher(routes: ReadonlyMap<string, Handler>, ctx: AppContext, log: Logger, active: Set<ServerResponse>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const header = req.headers['x-request-id'];
    const reqId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    res.setHeader('x-request-id', reqId);
    const scopeLog = log.child({ reqId });
    let route = 'unknown';
    let path: string | undefined;
    active.add(res);
    res.on('close', () => {
      active.delete(res);
      ctx.metrics.requests.inc({ route, method: req.method ?? '', status: String(res.statusCode) });
      scopeLog.info({ method: req.method, path: path ?? req.url?.slice(0, 200), status: res.statusCode, ms: Math.round(performance.now() - started), finished: res.writableFinished, bytesRead: req.socket.bytesRead }, 'request');
    });
    void (async () => {
      const { url, handler } = admit(req, routes);
      route = path = url.pathname;
      req.resume();
      await handler(req, res, ctx, { url, log: scopeLog });
    })().catch((error: unknown) => {
      if (!(error instanceof AppError)) scopeLog.error({ err: error }, 'unexpected error');
      try {
        sendError(res, error);
      } catch (sendFailure) {
        scopeLog.error({ err: sendFailure }, 'cannot send the error');
        res.destroy();
      }
    });
  };
}
