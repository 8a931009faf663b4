import { describe, expect, it, vi } from 'vitest';
import { OriginPool, type Connector } from '../../src/transports/http1/origin-pool.js';
import type { Http1Connection } from '../../src/transports/http1/connection.js';
import type { PendingRequest } from '../../src/transports/http1/pending-request.js';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

// The server drops, unanswered, every request after the first on a connection: each reused
// connection is stale, as when a server closes idle keep-alive sockets just as they are used.
const ctx = useRawServer((socket, request) => {
  if (request.nth >= 2) socket.destroy();
  else socket.write(response(`body of ${request.target}`));
});

describe('http1: a request re-sent after a stale-connection failure', () => {
  it('is never handed to a connection that frees up meanwhile (it may be stale too): it waits for a new one', () => {
    const unused: Connector = { readyEvent: 'connect', open: () => { throw new Error('no connection is opened here'); } };
    const pool = new OriginPool(unused, 2, 4000, () => undefined);
    const replayed = { req: {} } as PendingRequest;
    const send = vi.fn();
    const freed = { send, socket: { unref: () => undefined }, idleSince: 0, usable: () => true, destroy: () => undefined } as unknown as Http1Connection;

    pool.replay(replayed);
    pool.released(freed);

    expect(send).not.toHaveBeenCalled();
    void pool.close();
  });

  it('every request succeeds when every reused connection is stale (200 requests, 8 at a time)', async () => {
    const { url } = ctx.server;
    const transport = http1({ connections: 8 });
    const inputs = Array.from({ length: 200 }, (_, i) => `${url}/r${i}`);
    const results = await run(inputs, transport, { concurrency: 8 });

    const failed = results.filter((result) => !result.ok).map((result) => result.url);
    expect(failed).toEqual([]);
    // Each request was answered by the first request on some connection.
    expect(ctx.server.requests.filter((request) => request.nth === 1)).toHaveLength(200);
  }, 60_000);
});
