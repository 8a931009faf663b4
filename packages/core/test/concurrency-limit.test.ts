import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { startHeldServer, releaseSteadily, type HeldServer } from './held-server.js';
import { byIndex, collect } from './helpers.js';

let server: HeldServer;
beforeAll(async () => {
  server = await startHeldServer();
});
afterAll(() => server.close());

describe('concurrent run', () => {
  it('never has more than `concurrency` requests in flight at the server, and reaches it', async () => {
    const urls = Array.from({ length: 24 }, (_, i) => `${server.url}/posts/${i + 1}`);

    const [results] = await Promise.all([collect(fanout(urls, { concurrency: 4 })), releaseSteadily(server, 24, 4)]);

    expect(server.maxInFlight).toBe(4);
    expect(results).toHaveLength(24);
    expect(byIndex(results).map((r) => r.ok && (r.data as { path: string }).path)).toEqual(urls.map((u) => u.slice(server.url.length)));
  });

  it('rejects a concurrency below 1 with a RangeError naming the option', () => {
    expect(() => fanout([], { concurrency: 0 })).toThrow(/concurrency/);
  });
});
