import { describe, expect, it } from 'vitest';
import { useEmbeddedApp } from './app-fixture.js';
import { idle, openPage, scrollsSideways, useBrowser } from './browser.js';

const ctx = useEmbeddedApp({ latency: 40 });
const chromium = useBrowser();

/** The x-ranges of a run's request bars, by row. */
function bars(page: import('playwright-core').Page, run: string) {
  return page.$$eval(`svg[aria-label="timeline"][data-run="${run}"] rect`, (rects) =>
    rects.map((r) => ({ y: Number(r.getAttribute('y')), from: Number(r.getAttribute('x')), to: Number(r.getAttribute('x')) + Number(r.getAttribute('width')) })),
  );
}

describe('the page: a compare draws both runs as timelines, live, on one time scale', () => {
  it('has one rect per request for each run: the sequential ones one after another, the concurrent ones overlapping', async () => {
    const { page, faults } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '1-6');
    await page.fill('#concurrency', '3');
    await page.click('#compare');
    await expect.poll(() => page.textContent('#speedup'), { timeout: 30_000 }).toMatch(/Concurrent was \d+\.\d\dx faster with concurrency 3 \(ideal \d+\.\d\dx\)/);
    await idle(page);

    const sequential = (await bars(page, 'sequential')).sort((a, b) => a.y - b.y);
    const concurrent = (await bars(page, 'concurrent')).sort((a, b) => a.y - b.y);
    expect(sequential).toHaveLength(6);
    expect(concurrent).toHaveLength(6);
    // Sequential: row i starts where row i-1 ended (or later). Concurrent: the first 3 run at once.
    for (let i = 1; i < 6; i++) expect(sequential[i]?.from).toBeGreaterThanOrEqual((sequential[i - 1]?.to ?? 0) - 0.5);
    const [a, b] = concurrent;
    expect(a && b && a.from < b.to && b.from < a.to).toBe(true);
    // One time scale: both axes read the same.
    const axis = (run: string) => page.locator(`svg[aria-label="timeline"][data-run="${run}"] .axis-label`).allTextContents();
    expect(await axis('concurrent')).toEqual(await axis('sequential'));
    expect(await page.locator('#chart rect').count()).toBe(2);
    expect(await page.locator('#results li').count()).toBe(12);

    expect(await scrollsSideways(page)).toBe(false);
    expect(faults).toEqual({ errors: [], external: [], failedResponses: [] });
    expect(await page.evaluate<number>("fetch('/favicon.svg').then((response) => response.status)")).toBe(200);
    expect(await page.getAttribute('link[rel=icon]', 'href')).toBe('/favicon.svg');
    await page.close();
  });
});
