import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** One request as the echo server received it. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the echo server answers: the request without its headers' values (so no secret is echoed). */
export interface Echo {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly contentType: string | null;
  readonly headerNames: string[];
}

export interface EchoServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 port 0 that records every request and answers 200 with a JSON
 * echo of it. `/status/NNN` answers that status; `/html` answers an HTML page.
 */
export async function startEchoServer(): Promise<EchoServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, headers: req.headers, body });
      if (path === '/html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>hi</title><p>hello</p>');
        return;
      }
      const status = /^\/status\/(\d{3})$/.exec(path)?.[1];
      const echo: Echo = { method: req.method ?? '', path, body, contentType: req.headers['content-type'] ?? null, headerNames: Object.keys(req.headers).sort() };
      res.writeHead(status ? Number(status) : 200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An echo server for one test file; `received` is emptied before each use by the test. */
export function useEchoServer(): { readonly server: EchoServer } {
  const holder = {} as { server: EchoServer };
  beforeAll(async () => {
    holder.server = await startEchoServer();
  });
  afterAll(() => holder.server.close());
  return holder;
}
