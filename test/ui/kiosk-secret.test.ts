// How the kiosk screen is authorised when a host POS token is set: the kiosk unit's start
// script (image/rootfs/usr/lib/glase-pos/kiosk-start) writes a private copy of the loader page
// (image/kiosk/loader.html) with the kiosk secret, Chromium opens it from file://, the loader
// waits for the till and opens /?kiosk=…, the till sets the cookie and redirects to /.
// A browser without the secret loads the page but gets no cookie and no API.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startUiTill, type UiTill } from './harness.js';

const t = suite('kiosk screen: authorised by the kiosk secret');
let till: UiTill;
let dir: string;

t.before(async () => {
  till = await startUiTill({ demo: true, token: 'host-pos-token-for-kiosk-test' });
  dir = mkdtempSync(join(tmpdir(), 'glase-kiosk-unit-'));
});
t.after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await till?.close();
});

t('the unit start script opens the screen with the secret; the address bar keeps no secret', async () => {
  // what systemd gives the unit: LoadCredential= and RuntimeDirectory=
  const creds = join(dir, 'credentials');
  const runtime = join(dir, 'runtime');
  for (const d of [creds, runtime]) execFileSync('mkdir', ['-m', '0700', d]);
  copyFileSync(join(till.daemon.config.dataDir, 'kiosk-secret'), join(creds, 'kiosk-secret'));
  const url = execFileSync('image/rootfs/usr/lib/glase-pos/kiosk-start', ['echo'], {
    env: { PATH: process.env.PATH, CREDENTIALS_DIRECTORY: creds, RUNTIME_DIRECTORY: runtime, KIOSK_LOADER: 'image/kiosk/loader.html', KIOSK_TILL: till.daemon.apiUrl },
    encoding: 'utf8',
  }).trim();
  assert.is(url, `file://${runtime}/start.html`, 'the browser gets a file URL, not the secret');
  assert.is(statSync(join(runtime, 'start.html')).mode & 0o777, 0o600);
  assert.not.match(readFileSync('image/kiosk/loader.html', 'utf8'), /[0-9a-f]{64}/, 'the shared loader holds no secret');
  assert.match(readFileSync(join(runtime, 'start.html'), 'utf8'), /const OPEN = TILL \+ '\?kiosk=[0-9a-f]{64}';/);

  const ctx = await till.browser.newContext({ viewport: { width: 800, height: 480 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForURL(`${till.daemon.apiUrl}/`, { timeout: 10_000 });
  await page.waitForSelector('#status-dot.ok', { timeout: 15_000 });
  const cookies = await ctx.cookies(till.daemon.apiUrl);
  assert.equal(cookies.map((c) => [c.name, c.httpOnly, c.sameSite]), [[`kiosk_${till.daemon.config.api.port}`, true, 'Strict']]);
  assert.is(await page.evaluate(async () => (await fetch('/api/status')).status), 200);
  await ctx.close();
});

t('a browser without the secret gets the page but no cookie, so no API', async () => {
  const ctx = await till.browser.newContext();
  const page = await ctx.newPage();
  const res = await page.goto(`${till.daemon.apiUrl}/`);
  assert.is(res?.status(), 200);
  assert.equal(await ctx.cookies(till.daemon.apiUrl), []);
  assert.is(await page.evaluate(async () => (await fetch('/api/status')).status), 401);
  const wrong = await page.goto(`${till.daemon.apiUrl}/?kiosk=${'0'.repeat(64)}`);
  assert.is(wrong?.status(), 403);
  assert.equal(await ctx.cookies(till.daemon.apiUrl), []);
  await ctx.close();
});

t.run();
