import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { BASE_HEADERS } from './security-headers.js';

/** Node's parser and timeout errors, as the answer the app gives. */
function answerFor(code: string | undefined): { status: number; code: string; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'EHEADERSTOOLARGE', message: 'Request headers are too large (16 KiB at most)' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'EREQUESTTIMEOUT', message: 'The request did not arrive in time' };
    default:
      return { status: 400, code: 'EBADREQUEST', message: `Malformed HTTP request (${code ?? 'unknown error'})` };
  }
}

/**
 * The server's `clientError` handler: a request Node could not parse, or one too slow, gets the
 * app's JSON error shape (and its base headers) written straight to the socket, which is then
 * closed. A socket that cannot be written, or whose response has begun, is just destroyed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  writeRawError(socket, answerFor(error.code));
}

/** Writes the app's JSON error shape (and its base headers) straight to `socket`, then closes it. */
function writeRawError(socket: Socket, answer: { status: number; code: string; message: string }, extra: Readonly<Record<string, string>> = {}): void {
  const body = JSON.stringify({ error: { code: answer.code, message: answer.message } });
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...BASE_HEADERS, ...extra, connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${head}\r\n${body}`);
}

/**
 * The server's `connect` handler: the app is no proxy, so `CONNECT` gets a 405 JSON error (Node
 * would otherwise close the connection without a word), and the connection is closed.
 */
export function answerConnect(_req: IncomingMessage, socket: Duplex): void {
  if (!(socket instanceof Socket) || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.on('error', () => undefined);
  writeRawError(socket, { status: 405, code: 'EMETHOD', message: 'Method CONNECT is not allowed: this app is no proxy; use GET' }, { allow: 'GET, HEAD' });
}
