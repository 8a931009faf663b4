import { createServer, type RequestListener, type Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';

/** An HTTP server of one test file on 127.0.0.1 (port 0): listening before its tests, closed after them. */
export function useHttpServer(listener: RequestListener): { readonly server: Server; readonly base: string; readonly host: string } {
  const server = createServer(listener);
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)), 30_000);
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const host = (): string => `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    server,
    get host() {
      return host();
    },
    get base() {
      return `http://${host()}`;
    },
  };
}
