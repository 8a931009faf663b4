import { setTimeout as realSleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fanout, type FetchResult } from '../src/index.js';
import { useHeldServer } from './held-server.js';
import { collect } from './helpers.js';

const held = useHeldServer();
afterEach(() => vi.useRealTimers());

/** Polls on the real clock (node:timers/promises is not faked) until `condition()` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 30_000; !condition(); await realSleep(2)) if (Date.now() > end) throw new Error(`not within 30 s: ${what}`);
}

describe('whole-run deadline', () => {
  it('aborts in-flight requests and fails the remaining inputs with EDEADLINE, one result each', async () => {
    // The deadline's timer is on a fake clock; the requests are real, held by the server (never
    // answered), so how fast the machine is changes nothing: 3 arrive, then the clock moves.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const urls = Array.from({ length: 30 }, (_, i) => `${held.server.url}/hang/${i}`);
    let results: FetchResult[] | undefined;
    const done = collect(fanout(urls, { concurrency: 3, deadline: 3000 })).then((all) => (results = all));
    await until(() => held.server.arrivals.length === 3, '3 requests at the server');

    await vi.advanceTimersByTimeAsync(2999);
    expect(results).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await done;

    expect(results).toHaveLength(30);
    expect(results?.every((r) => !r.ok && r.error.name === 'TimeoutError' && r.error.code === 'EDEADLINE')).toBe(true);
    expect(held.server.arrivals).toHaveLength(3);
    await until(() => held.server.inFlight === 0, 'the 3 held requests aborted');
    expect(held.server.completed).toBe(0);
  });
});
