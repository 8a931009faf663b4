import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';

// Every upstream request is held (never answered); the test counts those whose client went away.
const held: ServerResponse[] = [];
let closed = 0;
const ctx = useAppOn((_req, res) => {
  held.push(res);
  res.on('close', () => closed++);
});
const chromium = useBrowser();

describe('the page: Stop', () => {
  it('ends the action going on, and the app cancels its upstream requests', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '1-3');
    await page.fill('#concurrency', '3');
    await page.click('#run');
    await expect.poll(() => held.length, { timeout: 20_000 }).toBe(3);
    await page.click('#stop');
    await idle(page);
    expect(await page.textContent('#status')).toBe('Stopped.');
    expect(await page.isHidden('#busy')).toBe(true);
    expect(await page.textContent('#error')).toBe('');
    await expect.poll(() => closed, { timeout: 20_000 }).toBe(3);
    expect(ctx.upstream.requests).toHaveLength(3);
    await page.close();
  });
});
