import type { ServerResponse } from 'node:http';
import { AppError } from './app-error.js';

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends `{ error: { code, message } }`: the app's only error shape, never a stack trace. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof AppError) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
  } else {
    sendJson(res, 500, { error: { code: 'EINTERNAL', message: 'Internal error' } });
  }
}
