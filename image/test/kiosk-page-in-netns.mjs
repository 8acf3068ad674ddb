// Run by the boot test inside the container's network namespace (nsenter -n): attaches to the
// kiosk's own Chromium through its DevTools port and reports what the screen shows.
// argv: devtoolsUrl tillUrl timeoutMs → prints {url, title, autoplay, apiStatus, withoutCookie} of
// the till's page: autoplay is what a sound's play() gives there without a tap ('played', or the
// error's name: NotAllowedError when the autoplay policy wants a gesture); apiStatus is what the
// page itself gets from GET /api/status (200 only with the kiosk cookie when the API has a
// token), withoutCookie what a fresh browser context gets (401).
import { chromium } from 'playwright-core';

const [devtools, till, timeoutMs = '90000'] = process.argv.slice(2);
const end = Date.now() + Number(timeoutMs);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** a 0.2 s WAV data URL (8 kHz, 8-bit mono): unmuted, so the autoplay policy applies to it */
function silentWav() {
  const n = 1600;
  const wav = Buffer.alloc(44 + n, 128);
  wav.write('RIFF', 0); wav.writeUInt32LE(36 + n, 4); wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24); wav.writeUInt32LE(8000, 28); wav.writeUInt16LE(1, 32); wav.writeUInt16LE(8, 34);
  wav.write('data', 36); wav.writeUInt32LE(n, 40);
  return `data:audio/wav;base64,${wav.toString('base64')}`;
}

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
  // first, before anything that counts as a tap: Playwright's evaluate() runs with a user
  // gesture, which would allow playback whatever the policy; raw CDP with userGesture false does not
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `(async () => { const a = new Audio('${silentWav()}'); try { await a.play(); return 'played'; } catch (e) { return e.name; } })()`,
    awaitPromise: true, userGesture: false, returnByValue: true,
  });
  await cdp.detach();
  const autoplay = result.value;
  const apiStatus = await page.evaluate(async () => (await fetch('/api/status', { cache: 'no-store' })).status);
  // the control: a fresh context of the same browser, without the kiosk's cookie
  const bare = await browser.newContext();
  const withoutCookie = (await (await bare.newPage()).goto(`${till}api/status`)).status();
  await bare.close();
  process.stdout.write(JSON.stringify({ url: page.url(), title: await page.title(), autoplay, apiStatus, withoutCookie }));
} finally {
  // detach only: closing a CDP-attached browser would close the kiosk's Chromium
  await browser.close().catch(() => {});
}
