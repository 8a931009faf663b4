import { afterEach, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { startBudgetServer, type BudgetServer } from './budget-server.js';

let server: BudgetServer | undefined;
afterEach(async () => server?.close());

it('X-RateLimit headers with an epoch reset (GitHub style): 60 requests at concurrency 16 against 20 a second, zero 429s at the server', async () => {
  server = await startBudgetServer('x-ratelimit', 20, 1000);
  const urls = Array.from({ length: 60 }, (_, i) => `${server!.url}/${i}`);
  const results = await collect(fanout(urls, { concurrency: 16, retry: 0, timeout: 30_000 }));

  expect(results.filter((r) => !r.ok)).toEqual([]);
  expect(server.ok).toBe(60);
  expect(server.tooMany).toBe(0);
});
