import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sequential } from '../src/index.js';
import { API, collect, inFlightCounter, viaNock } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('sequential run', () => {
  it('sends one request at a time, in input order, and emits in input order', async () => {
    const counter = inFlightCounter(5);
    nock(API)
      .get(/\/posts\/\d+/)
      .times(6)
      .reply((path) => counter.track(path, {}));
    const ids = [5, 3, 1, 6, 2, 4];

    const results = await collect(sequential(ids.map((id) => `${API}/posts/${id}`), viaNock));

    expect(counter.max).toBe(1);
    expect(counter.arrivals).toEqual(ids.map((id) => `/posts/${id}`));
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
