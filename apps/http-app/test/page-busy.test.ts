import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';
import { postId, sendPost } from './test-upstream.js';

// Every upstream request is held until the test lets them all go.
let holding = true;
const held: { res: ServerResponse; id: number }[] = [];
const ctx = useAppOn((req, res) => {
  const id = postId(req);
  if (holding) held.push({ res, id });
  else sendPost(res, id);
});
const chromium = useBrowser();

describe('the page: while an action goes, the buttons are disabled and the progress shows', () => {
  it.each(['#run', '#compare', '#sweep'])('%s', async (button) => {
    holding = true;
    const { page } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '1-2');
    await page.fill('#concurrency', '2');
    await page.click(button);
    await expect.poll(() => held.length, { timeout: 20_000 }).toBeGreaterThan(0);
    for (const each of ['#run', '#compare', '#sweep']) expect(await page.isDisabled(each)).toBe(true);
    expect(await page.isVisible('#busy progress')).toBe(true);
    expect(await page.isVisible('#stop')).toBe(true);
    expect(await page.getAttribute('body', 'aria-busy')).toBe('true');

    holding = false;
    for (const { res, id } of held.splice(0)) sendPost(res, id);
    await idle(page);
    expect(await page.isHidden('#busy')).toBe(true);
    expect(await page.isHidden('#stop')).toBe(true);
    expect(await page.textContent('#error')).toBe('');
    await page.close();
  });
});
