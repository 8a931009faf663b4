import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';

const ctx = useApp();
const chromium = useBrowser();

describe('the page: an error shows until the next action, then clears', () => {
  it('shows the API error for bad ids, and a good run afterwards clears it', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '5-1');
    await page.click('#run');
    await expect.poll(() => page.textContent('#error'), { timeout: 20_000 }).toMatch(/EBADIDS: Bad ids: range "5-1" goes backwards/);
    await idle(page);
    expect(await page.isVisible('#error')).toBe(true);

    await page.fill('#ids', '1-2');
    await page.click('#run');
    await expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toMatch(/2 done · 2 ok/);
    expect(await page.isHidden('#error')).toBe(true);
    expect(await page.textContent('#error')).toBe('');
    await page.close();
  });
});
