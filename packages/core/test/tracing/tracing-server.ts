import { afterAll, beforeAll } from 'vitest';
import { startHttpServer, type TestServer } from '../network/network-helpers.js';

/**
 * A server that records each request's `traceparent`: `/flaky` answers 503 on its first request
 * and 200 after, `/moved` redirects to `/ok`, `/missing` is a 404, anything else 200.
 */
export function useTracingServer(): { server: TestServer; seen: { path: string; traceparent: string | undefined }[]; reset(): void } {
  const holder = { seen: [] as { path: string; traceparent: string | undefined }[], flaky: 0 } as { server: TestServer; seen: { path: string; traceparent: string | undefined }[]; flaky: number; reset(): void };
  holder.reset = () => {
    holder.seen.length = 0;
    holder.flaky = 0;
  };
  beforeAll(async () => {
    holder.server = await startHttpServer((req, res) => {
      holder.seen.push({ path: req.url ?? '', traceparent: req.headers.traceparent as string | undefined });
      if (req.url === '/flaky' && holder.flaky++ === 0) res.writeHead(503).end('busy');
      else if (req.url === '/moved') res.writeHead(302, { location: '/ok' }).end();
      else if (req.url === '/missing') res.writeHead(404).end('no');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  afterAll(() => holder.server?.close());
  return holder;
}
