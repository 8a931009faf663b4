import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { releaseSteadily, startHeldServer, waitFor, type HeldServer } from './held-server.js';
import { collect } from './helpers.js';

let a: HeldServer;
let b: HeldServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startHeldServer(), startHeldServer()]);
});
afterAll(() => Promise.all([a.close(), b.close()]));

describe('per-host concurrency limit', () => {
  it('holds per host while another host still gets the rest of the global window', async () => {
    const urls = Array.from({ length: 12 }, (_, i) => `${(i % 2 ? a : b).url}/posts/${i + 1}`);
    const run = collect(fanout(urls, { concurrency: 8, perHost: 2 }));
    // Both hosts have their 2 in flight at once: one host's queue does not block the other.
    await waitFor(() => a.inFlight === 2 && b.inFlight === 2);
    const [results] = await Promise.all([run, releaseSteadily(a, 6, 2), releaseSteadily(b, 6, 2)]);

    expect(results.every((r) => r.ok)).toBe(true);
    expect(a.maxInFlight).toBe(2);
    expect(b.maxInFlight).toBe(2);
  });
});
