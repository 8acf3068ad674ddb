// Run by the boot test inside the container's network namespace (nsenter -n): attaches to the
// kiosk's own Chromium through its DevTools port and reports what the screen shows.
// argv: devtoolsUrl tillUrl timeoutMs → prints {url, title, apiStatus, withoutCookie} of the till's
// page: apiStatus is what the page itself gets from GET /api/status (200 only with the kiosk
// cookie when the API has a token), withoutCookie what a fresh browser context gets (401).
import { chromium } from 'playwright-core';

const [devtools, till, timeoutMs = '90000'] = process.argv.slice(2);
const end = Date.now() + Number(timeoutMs);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let browser;
for (;;) {
  try {
    browser = await chromium.connectOverCDP(devtools, { timeout: 10_000 });
    break;
  } catch (e) {
    if (Date.now() > end) throw new Error(`no DevTools at ${devtools}: ${e.message}`);
    await sleep(1000);
  }
}
try {
  let page;
  const seen = new Set();
  while (!page) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    for (const p of pages) seen.add(p.url());
    page = pages.find((p) => p.url().startsWith(till));
    if (!page) {
      if (Date.now() > end) throw new Error(`no page on ${till} (pages: ${[...seen].join(', ') || 'none'})`);
      await sleep(1000);
    }
  }
  await page.waitForLoadState('load', { timeout: Math.max(1000, end - Date.now()) });
  const apiStatus = await page.evaluate(async () => (await fetch('/api/status', { cache: 'no-store' })).status);
  // the control: a fresh context of the same browser, without the kiosk's cookie
  const bare = await browser.newContext();
  const withoutCookie = (await (await bare.newPage()).goto(`${till}api/status`)).status();
  await bare.close();
  process.stdout.write(JSON.stringify({ url: page.url(), title: await page.title(), apiStatus, withoutCookie }));
} finally {
  // detach only: closing a CDP-attached browser would close the kiosk's Chromium
  await browser.close().catch(() => {});
}
