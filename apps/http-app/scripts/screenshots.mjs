// Makes the README's screenshots of the web page: `npx nx run http-app:build`, then
// `node apps/http-app/scripts/screenshots.mjs` (writes docs/page-compare.png and docs/page-sweep.png).
// The app runs in this process in front of an embedded demo upstream, as `nx serve http-app` does;
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { fileURLToPath } from 'node:url';
import { startDemoUpstream } from '@fanout/demo-upstream';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { createApp } from '../dist/server.js';

const docs = (name) => fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url));
const upstream = await startDemoUpstream({ latency: 150, jitter: 60 });
const app = createApp({
  upstreamUrl: upstream.url,
  logger: pino({ level: 'silent' }),
  embeddedUpstream: { defaults: { latency: 150, failRate: 0 } },
});
const url = await app.listen(0, '127.0.0.1');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
  await page.goto(url);
  await page.waitForSelector('#upstream:not([hidden])');
  /** Fills the form, clicks `button` and waits until `done` shows and the action has ended. */
  const act = async (ids, concurrency, failRate, button, done) => {
    await page.fill('#ids', ids);
    await page.fill('#concurrency', concurrency);
    await page.fill('#fail-rate', failRate);
    await page.click(button);
    await page.waitForSelector(done, { timeout: 60_000 });
    await page.waitForSelector('#busy[hidden]', { state: 'attached' });
  };
  await act('1-12', '4', '30', '#compare', '#speedup:has-text("faster")');
  await page.screenshot({ path: docs('page-compare.png'), fullPage: true });
  await act('1-10', '32', '0', '#sweep', '#knee:has-text("Knee")');
  await page.locator('#sweep-section').screenshot({ path: docs('page-sweep.png') });
  console.log(`wrote ${docs('page-compare.png')} and ${docs('page-sweep.png')}`);
} finally {
  await browser.close();
  await app.shutdown(1000);
  await upstream.close();
}
