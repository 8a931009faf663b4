import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { largestSweep, worstSweepMs } from '../src/sweep-plan.js';
import { getJson, useEmbeddedApp } from './app-fixture.js';
import { openPage, useBrowser, idle } from './browser.js';

// The app's real defaults: 30 s per call, each request tried twice at most (5 s timeout).
const ctx = useEmbeddedApp({ latency: 150 });
const chromium = useBrowser();
const runOptions = { timeout: 5000, retry: 1 };

function headStatus(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${ctx.url}${path}`, { method: 'HEAD' }, (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)))
      .on('error', reject)
      .end();
  });
}

describe('a sweep against the embedded upstream must fit in its deadline, or it is refused before it runs', () => {
  it('the page’s old largest sweep (100 ids up to 32 at 150 ms: 199 rounds, 29.9 s of a 30 s limit) is a 400 that says how many ids fit', async () => {
    expect(worstSweepMs(100, 32, { latency: 150, failRate: 0 }, runOptions)).toBe(29_850);
    for (const path of ['/api/sweep', '/api/sweep/stream']) {
      const { status, body } = await getJson(`${ctx.url}${path}?ids=1-100&concurrency=32&latency=150&failRate=0`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code: 'ESWEEPTOOLONG', message: expect.stringContaining('use at most 80 ids') } });
    }
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('the largest that fits is accepted (HEAD), one more id is not; failures count every retry', async () => {
    expect(largestSweep(32, { latency: 150, failRate: 0 }, runOptions, 24_000, 100)).toBe(80);
    expect(await headStatus('/api/sweep/stream?ids=1-80&concurrency=32')).toBe(200);
    expect(await headStatus('/api/sweep/stream?ids=1-81&concurrency=32')).toBe(400);
    // With failures on, each request may take two attempts and a backoff: 2 × 150 + 100 ms.
    expect(largestSweep(32, { latency: 150, failRate: 0.5 }, runOptions, 24_000, 100)).toBe(30);
    expect(await headStatus('/api/sweep/stream?ids=1-30&concurrency=32&failRate=0.5')).toBe(200);
    expect(await headStatus('/api/sweep/stream?ids=1-31&concurrency=32&failRate=0.5')).toBe(400);
    // The page's slowest latency reaches the 5 s timeout: two attempts and a backoff, 10.1 s a request.
    expect(await headStatus('/api/sweep?ids=1-2&concurrency=1&latency=5000')).toBe(200);
    expect(await headStatus('/api/sweep?ids=1-3&concurrency=1&latency=5000')).toBe(400);
    expect(await headStatus('/api/sweep?ids=1&concurrency=32&latency=5000')).toBe(400);
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('the page shows the refusal for a sweep that does not fit', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    await expect.poll(() => page.isVisible('#upstream'), { timeout: 20_000 }).toBe(true);
    await page.fill('#ids', '1-100');
    await page.fill('#concurrency', '32');
    await page.click('#sweep');
    await idle(page);
    expect(await page.textContent('#error')).toMatch(/^ESWEEPTOOLONG: A sweep of 100 ids up to concurrency 32 at 150 ms latency can take 29\.9 s, .*use at most 80 ids/);
    expect(ctx.upstream.stats.requests).toBe(0);
    await page.close();
  });
});

describe('the largest sweep that fits ends with every level and its knee', () => {
  const scaled = useEmbeddedApp({ latency: 0 }, { deadlineMs: 8000 });

  it('at 400 ms and an 8 s limit: 8 ids up to 4 (14 rounds, 5.6 s) run to the end; 9 ids are refused', async () => {
    expect(largestSweep(4, { latency: 400, failRate: 0 }, runOptions, 6400, 100)).toBe(8);
    const refused = await getJson(`${scaled.url}/api/sweep?ids=1-9&concurrency=4&latency=400`);
    expect(refused.status).toBe(400);
    const { status, body } = await getJson(`${scaled.url}/api/sweep?ids=1-8&concurrency=4&latency=400`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ complete: true, best: expect.any(Number) });
    expect((body.sweep as unknown[]).length).toBe(3);
    expect(scaled.upstream.stats.requests).toBe(8 * 3);
  }, 30_000);
});
