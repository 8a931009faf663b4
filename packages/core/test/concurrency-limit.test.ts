import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { releaseSteadily, useHeldServer } from './held-server.js';
import { byIndex, collect } from './helpers.js';

const held = useHeldServer();

describe('concurrent run', () => {
  it('never has more than `concurrency` requests in flight at the server, and reaches it', async () => {
    const urls = Array.from({ length: 24 }, (_, i) => `${held.server.url}/posts/${i + 1}`);

    const [results] = await Promise.all([collect(fanout(urls, { concurrency: 4 })), releaseSteadily(held.server, 24, 4)]);

    expect(held.server.maxInFlight).toBe(4);
    expect(results).toHaveLength(24);
    expect(byIndex(results).map((r) => r.ok && (r.data as { path: string }).path)).toEqual(urls.map((u) => u.slice(held.server.url.length)));
  });

  it('rejects a concurrency below 1 with a RangeError naming the option', () => {
    expect(() => fanout([], { concurrency: 0 })).toThrow(/concurrency/);
  });
});
