import { afterEach, describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { startBudgetServer, type BudgetFlavour, type BudgetServer } from './budget-server.js';

let server: BudgetServer | undefined;
afterEach(async () => server?.close());

// 20 a window: the first 16 (sent before any answer can say anything) fit in one window; after
// that only pacing keeps 60 requests at concurrency 16 from going over.
const LIMIT = 20;
const REQUESTS = 60;

describe('a host that announces its budget never has to answer 429', () => {
  it.each<BudgetFlavour>(['ratelimit-field', 'ratelimit-draft-07', 'ratelimit-triplet'])(
    'RateLimit headers (%s): 60 requests at concurrency 16 against 20 a second, all ok, zero 429s at the server',
    async (flavour) => {
      const budgetServer = await startBudgetServer(flavour, LIMIT, 1000);
      server = budgetServer;
      const urls = Array.from({ length: REQUESTS }, (_, i) => `${budgetServer.url}/${i}`);
      const results = await collect(fanout(urls, { concurrency: 16, retry: 0, timeout: 30_000 }));

      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(budgetServer.ok).toBe(REQUESTS);
      expect(budgetServer.tooMany).toBe(0);
    },
  );
});
