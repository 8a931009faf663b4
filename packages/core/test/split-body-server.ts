import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A keep-alive loopback server whose JSON body ends 20 ms after its headers (so the first byte comes before the end). */
/** Counts the TCP connections it accepted. */
export async function startSplitBodyServer(): Promise<{ readonly url: string; readonly connections: number; close(): Promise<void> }> {
  let connections = 0;
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"part":');
    setTimeout(() => res.end('1}'), 20);
  });
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
