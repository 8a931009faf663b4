import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

/** Headless Chromium for one test file (CHROMIUM_PATH overrides /usr/bin/chromium). */
export function useBrowser(): { readonly browser: Browser } {
  const holder = {} as { browser: Browser };
  beforeAll(async () => {
    holder.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(() => holder.browser?.close());
  return holder;
}

/** What a page did that it must not: script errors, requests elsewhere, answers of 400 or more. */
export interface PageFaults {
  readonly errors: string[];
  readonly external: string[];
  readonly failedResponses: string[];
}

/** Opens the app's page (390 px wide unless told) and records its faults. */
export async function openPage(browser: Browser, appUrl: string, width = 390): Promise<{ page: Page; faults: PageFaults }> {
  const page = await browser.newPage({ viewport: { width, height: 844 } });
  const faults: PageFaults = { errors: [], external: [], failedResponses: [] };
  page.on('pageerror', (error) => faults.errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(appUrl)) faults.external.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) faults.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(appUrl);
  return { page, faults };
}

/** Waits until no action is going on (the buttons are enabled again). */
export async function idle(page: Page): Promise<void> {
  await expect.poll(() => page.isEnabled('#run'), { timeout: 30_000 }).toBe(true);
}

/** Whether the page scrolls sideways. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
}
