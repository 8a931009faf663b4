import { afterEach, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { startBudgetServer, type BudgetServer } from './budget-server.js';

let server: BudgetServer | undefined;
afterEach(async () => server?.close());

it('X-RateLimit headers with an epoch reset (GitHub style): 60 requests at concurrency 16 against 20 a second, zero 429s at the server', async () => {
  const budgetServer = await startBudgetServer('x-ratelimit', 20, 1000);
  server = budgetServer;
  const urls = Array.from({ length: 60 }, (_, i) => `${budgetServer.url}/${i}`);
  const results = await collect(fanout(urls, { concurrency: 16, retry: 0, timeout: 30_000 }));

  expect(results.filter((r) => !r.ok)).toEqual([]);
  expect(budgetServer.ok).toBe(60);
  expect(budgetServer.tooMany).toBe(0);
});
