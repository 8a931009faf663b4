import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp({ latency: 40 });
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);
afterAll(() => browser?.close());

describe('the web page in headless Chromium', () => {
  it('runs ids live over SSE, then a compare drawn as an SVG chart, on a phone-width screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(ctx.url)) external.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(ctx.url);
    await page.fill('#ids', '1-6');
    await page.fill('#concurrency', '6');
    await page.click('#run');
    await page.waitForSelector('#results li:nth-child(6)');
    await expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toMatch(/6 done · 6 ok · 0 failed/);
    const titles = await page.locator('#results li').allTextContents();
    expect(titles.some((t) => t.startsWith('sunt aut facere repellat provident occaecati excepturi optio reprehenderit'))).toBe(true);

    const compared = page.waitForResponse((response) => response.url().includes('/api/compare'));
    await page.click('#compare');
    const comparison = (await (await compared).json()) as { sequential: { wallMs: number }; concurrent: { wallMs: number } };
    await page.waitForSelector('#chart rect.bar-concurrent');
    // The bars are the two wall times to scale (whatever they were on this machine just now).
    const widths = await page.$$eval('#chart rect', (rects) => rects.map((r) => Number(r.getAttribute('width'))));
    const longest = Math.max(comparison.sequential.wallMs, comparison.concurrent.wallMs);
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeCloseTo(Math.max(2, (comparison.sequential.wallMs / longest) * 200), 6);
    expect(widths[1]).toBeCloseTo(Math.max(2, (comparison.concurrent.wallMs / longest) * 200), 6);
    expect(await page.textContent('#speedup')).toMatch(/Concurrent was \d+\.\d\dx faster with concurrency 6 \(ideal \d+\.\d\dx\)/);

    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  });

  it('shows the API error message for bad ids', async () => {
    const page = await browser.newPage();
    await page.goto(ctx.url);
    await page.fill('#ids', '5-1');
    await page.click('#run');
    await expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toMatch(/EBADIDS: Bad ids: range "5-1" goes backwards/);
    await page.close();
  });
});
