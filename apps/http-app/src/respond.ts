import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from './app-error.js';
import type { AppContext } from './context.js';
import type { RunQuery } from './params.js';
import { checkShaping } from './upstream-shaping.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether the request announces a body (the API takes none). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) !== 0);
}

/** Sends JSON text that is already serialised, with a status. */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/**
 * For HEAD: writes the headers a GET would get, with no body, and returns true (the handler
 * then stops before any upstream request). For GET: returns false.
 */
export function answeredHead(req: IncomingMessage, res: ServerResponse, contentType: string): boolean {
  if (req.method !== 'HEAD') return false;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  res.end();
  return true;
}

/**
 * The start of a JSON API call: checks the query's `latency` / `failRate`, answers HEAD (true:
 * nothing more to do), and otherwise takes one of the app's call slots (503 `EBUSY` when none
 * is free) and returns false.
 */
export function answeredHeadOfCall(req: IncomingMessage, res: ServerResponse, ctx: AppContext, query: RunQuery): boolean {
  checkShaping(ctx.embeddedUpstream, query.upstream);
  if (answeredHead(req, res, JSON_TYPE)) return true;
  ctx.calls.admit(req, res);
  return false;
}

/**
 * Sends `{ error: { code, message } }`: the app's only error shape, never a stack trace. When
 * the request still has an unread body, the connection is closed after the answer instead of
 * reading that body to the end. A response already begun is cut off.
 */
export function sendError(res: ServerResponse<IncomingMessage>, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const close: Record<string, string> = hasBody(res.req) && !res.req.complete ? { connection: 'close' } : {};
  if (error instanceof AppError) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message } }, { ...error.headers, ...close });
  } else {
    sendJson(res, 500, { error: { code: 'EINTERNAL', message: 'Internal error' } }, close);
  }
}
