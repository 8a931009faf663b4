import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { useHeldServer, waitFor } from './held-server.js';
import { collect } from './helpers.js';

const held = useHeldServer();

describe('whole-run deadline', () => {
  it('aborts in-flight requests and fails the remaining inputs with EDEADLINE, one result each', async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `${held.server.url}/hang/${i}`);
    // The server never answers; the deadline is long enough for 3 local requests to arrive on a busy machine.
    const results = await collect(fanout(urls, { concurrency: 3, deadline: 3000 }));

    expect(results).toHaveLength(30);
    expect(results.every((r) => !r.ok && r.error.name === 'TimeoutError' && r.error.code === 'EDEADLINE')).toBe(true);
    expect(held.server.arrivals).toHaveLength(3);
    await waitFor(() => held.server.inFlight === 0);
    expect(held.server.completed).toBe(0);
  });
});
