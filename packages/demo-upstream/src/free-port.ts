import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: nothing listens on it, so a connection to it is
 * refused (for tests of `ECONNREFUSED`), or a server may take it.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
