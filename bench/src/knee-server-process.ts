import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server with a capacity knee, run as its own process for `auto-concurrency.ts`:
 * `node knee-server-process.js CAPACITY LATENCY_MS QUEUE` serves CAPACITY requests at once in
 * LATENCY_MS each, queues up to QUEUE more and sheds the rest with 429; prints its URL.
 * `GET /__stats` gives `{ served, shed, maxInFlight }` and resets them.
 */
const [capacity, latency, queue] = process.argv.slice(2).map(Number) as [number, number, number];
const waiting: Array<() => void> = [];
let active = 0;
let stats = { served: 0, shed: 0, maxInFlight: 0 };

const server = createServer((req, res) => {
  req.resume();
  if (req.url === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    stats = { served: 0, shed: 0, maxInFlight: 0 };
    return;
  }
  const serve = () => {
    active++;
    setTimeout(() => {
      active--;
      stats.served++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      while (active < capacity && waiting.length > 0) waiting.shift()?.();
    }, latency);
  };
  if (active < capacity && waiting.length === 0) serve();
  else if (waiting.length < queue) waiting.push(serve);
  else {
    stats.shed++;
    res.writeHead(429, { 'content-type': 'application/json' }).end('{"error":"over capacity"}');
    return;
  }
  stats.maxInFlight = Math.max(stats.maxInFlight, active + waiting.length);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
