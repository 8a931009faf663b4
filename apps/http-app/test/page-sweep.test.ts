import { describe, expect, it } from 'vitest';
import { useEmbeddedApp } from './app-fixture.js';
import { idle, openPage, scrollsSideways, useBrowser } from './browser.js';

const ctx = useEmbeddedApp({ latency: 5 });
const chromium = useBrowser();

describe('the page: a sweep', () => {
  it('charts throughput and p95 per level, 1, 2, 4, … up to the concurrency, with the knee marked', async () => {
    const { page, faults } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '1-4');
    await page.fill('#concurrency', '4');
    const stream = page.waitForResponse((response) => response.url().includes('/api/sweep/stream'));
    await page.click('#sweep');
    const lines = (await (await stream).text()).trim().split('\n');
    const { best } = JSON.parse(lines.at(-1) ?? '') as { best: number };
    await idle(page);
    const levels = await page.$$eval('svg[aria-label="sweep"] g.level', (groups) => groups.map((g) => Number(g.getAttribute('data-concurrency'))));
    expect(levels).toEqual([1, 2, 4]);
    expect(await page.getAttribute('svg[aria-label="sweep"] g.knee', 'data-concurrency')).toBe(String(best));
    expect(await page.locator('svg[aria-label="sweep"] rect.throughput').count()).toBe(3);
    expect(await page.locator('svg[aria-label="sweep"] rect.p95').count()).toBe(3);
    expect(await page.textContent('#knee')).toContain(`Knee: concurrency ${best}`);
    expect(ctx.upstream.stats.requests).toBe(12);
    expect(await scrollsSideways(page)).toBe(false);
    expect(faults).toEqual({ errors: [], external: [], failedResponses: [] });
    await page.close();
  });
});
