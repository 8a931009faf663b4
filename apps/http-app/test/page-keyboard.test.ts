import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { openPage, useBrowser } from './browser.js';
import { postId, sendPost } from './test-upstream.js';

const ctx = useAppOn((req, res) => sendPost(res, postId(req)));
const chromium = useBrowser();

describe('the page with the keyboard alone', () => {
  it('tabs through labelled controls in order with a visible focus, and runs with Enter', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate<string>('document.activeElement.id'));
      const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
      expect(outline, `focus ring on #${order.at(-1)}`).toBe('solid');
    }
    expect(order).toEqual(['ids', 'mode', 'concurrency', 'run', 'compare', 'sweep']);
    for (const label of ['Post ids', 'Mode (Run)', 'Concurrency']) expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('run');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toMatch(/12 done · 12 ok/);
    await page.close();
  });
});
