import { describe, expect, it } from 'vitest';
import { useEmbeddedApp } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';

const ctx = useEmbeddedApp({ latency: 5 });
const chromium = useBrowser();

describe('the page: a new action clears what the last one showed', () => {
  it('a run after a compare and a sweep shows only its own results and one timeline', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '1-4');
    await page.fill('#concurrency', '2');
    await page.click('#compare');
    await expect.poll(() => page.textContent('#speedup'), { timeout: 30_000 }).toMatch(/faster/);
    await idle(page);
    expect(await page.locator('#results li').count()).toBe(8);
    await page.click('#sweep');
    await expect.poll(() => page.textContent('#knee'), { timeout: 30_000 }).toMatch(/Knee/);
    await idle(page);
    expect(await page.isHidden('#timeline-section')).toBe(true);

    await page.fill('#ids', '5,6');
    await page.click('#run');
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toMatch(/2 done/);
    await idle(page);
    expect((await page.locator('#results li .id').allTextContents()).sort()).toEqual(['#5', '#6']);
    expect(await page.isVisible('svg[aria-label="timeline"][data-run="concurrent"]')).toBe(true);
    expect(await page.isHidden('#timeline-sequential')).toBe(true);
    expect(await page.locator('svg[aria-label="timeline"][data-run="concurrent"] rect').count()).toBe(2);
    expect(await page.isHidden('#sweep-section')).toBe(true);
    expect(await page.isHidden('#chart-section')).toBe(true);
    await page.close();
  });
});
