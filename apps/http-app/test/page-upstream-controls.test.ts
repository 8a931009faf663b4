import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useEmbeddedApp } from './app-fixture.js';
import { idle, openPage, useBrowser } from './browser.js';

const ctx = useEmbeddedApp({ latency: 0 });
const chromium = useBrowser();

async function run(page: Page, ids: string, failRatePercent: string, latencyMs = '0') {
  await page.fill('#ids', ids);
  await page.fill('#fail-rate', failRatePercent);
  await page.fill('#latency', latencyMs);
  const stream = page.waitForResponse((response) => response.url().includes('/api/posts/stream'));
  await page.click('#run');
  const lines = (await (await stream).text()).trim().split('\n').map((line) => JSON.parse(line) as { ok?: boolean; attempts?: number; wireMs?: number });
  await idle(page);
  return lines.slice(0, -1);
}

describe('the page: controls for the embedded upstream’s latency and failure rate', () => {
  it('shows them with the upstream’s settings, and they take effect (counted at the upstream)', async () => {
    const { page } = await openPage(chromium.browser, ctx.url);
    await expect.poll(() => page.isVisible('#upstream'), { timeout: 20_000 }).toBe(true);
    expect(await page.inputValue('#latency')).toBe('0');
    expect(await page.inputValue('#fail-rate')).toBe('0');

    // 100 %: every request fails, and each is retried once.
    const failing = await run(page, '1-3', '100');
    expect(failing.map((r) => [r.ok, r.attempts])).toEqual([[false, 2], [false, 2], [false, 2]]);
    expect(ctx.upstream.stats.requests).toBe(6);
    expect(await page.locator('#results li.failed').count()).toBe(3);

    // 50 %: some fail, and the others do not fail with them.
    const mixed = await run(page, '1-12', '50');
    expect(mixed.filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(mixed.filter((r) => !r.ok).length).toBeGreaterThan(0);
    expect(mixed.some((r) => r.attempts === 2)).toBe(true);

    // Latency: each answer takes at least that long on the wire.
    const slow = await run(page, '1-2', '0', '150');
    expect(slow.every((r) => r.ok && (r.wireMs ?? 0) >= 150)).toBe(true);
    await page.close();
  });
});
