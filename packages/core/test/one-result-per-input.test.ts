import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { API, collect, viaNock } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('every input yields exactly one result', () => {
  it('holds for a mixed batch of 200 with failures, in any completion order', async () => {
    const scope = nock(API);
    for (let i = 0; i < 200; i++) {
      const interceptor = scope.get(`/item/${i}`).delay(i % 7);
      if (i % 5 === 0) interceptor.reply(500);
      else if (i % 11 === 0) interceptor.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      else interceptor.reply(200, { i });
    }
    const urls = Array.from({ length: 200 }, (_, i) => `${API}/item/${i}`);

    const results = await collect(fanout(urls, { concurrency: 16, retry: 0, ...viaNock }));

    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(urls.map((_, i) => i));
    for (const result of results) expect(result.url).toBe(urls[result.index]);
    expect(results.filter((r) => r.ok)).toHaveLength(145);
  });
});
