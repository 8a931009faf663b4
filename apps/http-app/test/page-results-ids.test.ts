import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';
import { postId, sendPost } from './test-upstream.js';

// Post 7 always fails; the others answer at once.
const ctx = useAppOn((req, res) => {
  const id = postId(req);
  if (id === 7) res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
  else sendPost(res, id);
});
const chromium = useBrowser();

describe('the page: results show their post id, and failures their URL', () => {
  it('labels each item with its id (not its position) and shows the failed one’s upstream URL', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '3,7,9');
    await page.click('#run');
    await expect.poll(() => page.textContent('#status'), { timeout: 30_000 }).toMatch(/3 done · 2 ok · 1 failed/);
    await idle(page);
    const items = await page.$$eval('#results li', (lis) => lis.map((li) => ({ id: li.querySelector('.id')?.textContent, failed: li.classList.contains('failed'), url: li.querySelector('.url')?.textContent })));
    expect(items.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual([
      { id: '#3', failed: false, url: undefined },
      { id: '#7', failed: true, url: `${ctx.upstream.url}/posts/7` },
      { id: '#9', failed: false, url: undefined },
    ]);
    expect(await page.textContent('#results li.failed')).toMatch(/HttpError EHTTP.*2 attempts/);
    expect(await page.locator('svg[aria-label="timeline"] rect.failed').count()).toBe(1);
    // With an external upstream the page offers no upstream controls.
    expect(await page.isHidden('#upstream')).toBe(true);
    await page.close();
  });
});
