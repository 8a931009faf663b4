import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { startHeldServer, waitFor, type HeldServer } from './held-server.js';
import { collect } from './helpers.js';

let server: HeldServer;
beforeAll(async () => {
  server = await startHeldServer();
});
afterAll(() => server.close());

describe('whole-run deadline', () => {
  it('aborts in-flight requests and fails the remaining inputs with EDEADLINE, one result each', async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `${server.url}/hang/${i}`);
    // The server never answers; the deadline is long enough for 3 local requests to arrive on a busy machine.
    const results = await collect(fanout(urls, { concurrency: 3, deadline: 3000 }));

    expect(results).toHaveLength(30);
    expect(results.every((r) => !r.ok && r.error.name === 'TimeoutError' && r.error.code === 'EDEADLINE')).toBe(true);
    expect(server.arrivals).toHaveLength(3);
    await waitFor(() => server.inFlight === 0);
    expect(server.completed).toBe(0);
  });
});
