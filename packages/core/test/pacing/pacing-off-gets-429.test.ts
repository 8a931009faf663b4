import { afterEach, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { startBudgetServer, type BudgetServer } from './budget-server.js';

let server: BudgetServer | undefined;
afterEach(async () => server?.close());

it('with rateLimitHeaders: false the same kind of server answers 429s (the pacing tests can fail)', async () => {
  // A 10 s window, so however slow the machine, 60 requests land in one or two windows of 20.
  const budgetServer = await startBudgetServer('ratelimit-field', 20, 10_000);
  server = budgetServer;
  const urls = Array.from({ length: 60 }, (_, i) => `${budgetServer.url}/${i}`);
  const results = await collect(fanout(urls, { concurrency: 16, retry: 0, timeout: 30_000, rateLimitHeaders: false }));

  expect(budgetServer.tooMany).toBeGreaterThan(0);
  expect(results.filter((r) => !r.ok).length).toBe(server.tooMany);
});
