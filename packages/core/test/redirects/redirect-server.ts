import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { startHttpServer, type TestServer } from '../network/network-helpers.js';

/** What `/echo` saw of the request that reached it. */
export interface Echo {
  readonly method: string;
  readonly body: string;
  readonly authorization: string | null;
  readonly cookie: string | null;
  readonly contentType: string | null;
  readonly custom: string | null;
}

/**
 * Two loopback servers, `a` and `b` (two origins: other ports). Paths:
 * `/echo` answers what it got; `/hop/N` redirects (302) to `/hop/N-1`, `/hop/0` echoes;
 * `/loop` redirects to itself; `/go/CODE?to=URL` answers CODE with `Location: URL`.
 */
export function useRedirectServers(): { a: TestServer; b: TestServer } {
  const servers = {} as { a: TestServer; b: TestServer };
  const handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
    const go = /^\/go\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/loop') res.writeHead(302, { location: '/loop' }).end('again');
    else if (hop && hop[1] !== '0') res.writeHead(302, { location: `/hop/${Number(hop[1]) - 1}` }).end();
    else if (go) res.writeHead(Number(go[1]), { location: url.searchParams.get('to') ?? '/echo' }).end('moved');
    else {
      const echo: Echo = {
        method: req.method ?? '',
        body: body.toString(),
        authorization: req.headers.authorization ?? null,
        cookie: req.headers.cookie ?? null,
        contentType: req.headers['content-type'] ?? null,
        custom: (req.headers['x-custom'] as string | undefined) ?? null,
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
    }
  };
  beforeAll(async () => {
    servers.a = await startHttpServer(handler);
    servers.b = await startHttpServer(handler);
  });
  afterAll(async () => {
    await servers.a?.close();
    await servers.b?.close();
  });
  return servers;
}
