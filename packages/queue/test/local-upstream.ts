import { createServer, type RequestListener, type Server } from 'node:http';

/** An HTTP server on 127.0.0.1, port 0, for one test file; `base` is its URL. */
export async function startLocalUpstream(handler: RequestListener): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
