import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';
import { postId, sendPost } from './test-upstream.js';

// The upstream answers the first `answered` requests and never the later ones: a sweep of two ids
// up to 4 runs its levels 1 and 2 (four requests), and the deadline cuts level 4, whatever the speed.
const gate = { answered: 4, seen: 0 };
const ctx = useAppOn(
  (req, res) => {
    gate.seen++;
    if (gate.seen <= gate.answered) sendPost(res, postId(req));
  },
  { deadlineMs: 1500 },
);
const chromium = useBrowser();

describe('a sweep the deadline cut short finds no knee', () => {
  it('/api/sweep: complete false, the levels that ran, best null', async () => {
    gate.seen = 0;
    const { status, body } = await getJson(`${ctx.url}/api/sweep?ids=1-2&concurrency=4`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ complete: false, best: null });
    expect((body.sweep as { concurrency: number }[]).map((level) => level.concurrency)).toEqual([1, 2]);
  });

  it('the page says the time limit cut the sweep short and that no knee was found, and marks none', async () => {
    gate.seen = 0;
    const { page } = await openPage(chromium.browser, ctx.url);
    await page.fill('#ids', '1-2');
    await page.fill('#concurrency', '4');
    await page.click('#sweep');
    await idle(page);
    expect(await page.textContent('#knee')).toBe('The time limit cut the sweep short after concurrency 2: no knee found (the levels that did not run might have been the best).');
    expect(await page.locator('svg[aria-label="sweep"] g.level').count()).toBe(2);
    expect(await page.locator('svg[aria-label="sweep"] g.knee').count()).toBe(0);
    await page.close();
  });
});
