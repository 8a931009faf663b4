import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { API, byIndex, collect, inFlightCounter, viaNock } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('concurrent run', () => {
  it('never has more than `concurrency` requests in flight at the server, and reaches it', async () => {
    const counter = inFlightCounter(30);
    nock(API)
      .get(/\/posts\/\d+/)
      .times(24)
      .reply((path) => counter.track(path, { path }));
    const urls = Array.from({ length: 24 }, (_, i) => `${API}/posts/${i + 1}`);

    const results = await collect(fanout(urls, { concurrency: 4, ...viaNock }));

    expect(counter.max).toBe(4);
    expect(results).toHaveLength(24);
    expect(byIndex(results).map((r) => r.ok && (r.data as { path: string }).path)).toEqual(urls.map((u) => u.slice(API.length)));
  });

  it('rejects a concurrency below 1 with a RangeError naming the option', () => {
    expect(() => fanout([], { concurrency: 0 })).toThrow(/concurrency/);
  });
});
