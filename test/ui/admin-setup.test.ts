// A fresh till set up through the admin menu on the screen: the unavailable reasons, the PIN,
// register with the reseller account, the Glase ID typed on the on-screen keyboard, then
// another one from a scanned sticker; the till becomes ready for Glase payments.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { setPin } from '../../src/api/pin.js';
import { DEMO } from '../../src/daemon/demo-bootstrap.js';
import { startUiTill, typeKeys, type UiTill, openAdminTab } from './harness.js';

const t = suite('kiosk screen: register and assign a Glase ID');
let till: UiTill;
const PIN = '2468';

t.before(async () => {
  till = await startUiTill({ demo: false });
  setPin(till.daemon.store.settings, PIN); // what `glase-pos set-pin` does
  await till.kiosk.reload();
});
t.after(async () => {
  await till?.close();
});

t('an unregistered till says why Glase is unavailable and keeps the button disabled', async () => {
  const k = till.kiosk;
  await typeKeys(k, 'kp-start', '10');
  await k.waitForFunction(() => /not registered/.test(document.querySelector('#why')?.textContent ?? ''), null, { timeout: 10_000 });
  assert.ok(await k.isDisabled('#glase-btn'));
  assert.match((await k.textContent('#status-text')) ?? '', /Glase unavailable: this till is not registered/);
  await till.shot('unavailable');
});

t('register with the reseller account; the password never stays in the page', async () => {
  const k = till.kiosk;
  await openAdminTab(till, PIN, 'register');
  // a wrong password first: Glase refuses, the message says so
  await k.fill('#reg-reseller', DEMO.resellerId);
  await k.fill('#reg-user', DEMO.userId);
  await k.fill('#reg-password', 'not-the-password');
  assert.ok(await k.isVisible('#osk'), 'the on-screen keyboard opens for the fields');
  await till.shot('admin-register-keyboard');
  await k.click('#reg-btn');
  await k.waitForSelector('#reg-msg.bad', { timeout: 10_000 });
  assert.match((await k.textContent('#reg-msg')) ?? '', /password/i);
  assert.is(await k.inputValue('#reg-password'), '', 'the password field is emptied');

  await k.fill('#reg-password', DEMO.password);
  await k.click('#reg-btn');
  await k.waitForSelector('#reg-msg.ok', { timeout: 10_000 });
  assert.match((await k.textContent('#reg-msg')) ?? '', /Registered as terminal [0-9a-f]{32}/);
  assert.is(await k.inputValue('#reg-password'), '');
  assert.not.ok((await k.content()).includes(DEMO.password), 'the password is nowhere in the page');
  await k.waitForSelector('#reg-registered:not([hidden])');
  await till.shot('admin-registered');
});

t('Glase ID typed on the on-screen keyboard, then a scanned sticker', async () => {
  const k = till.kiosk;
  await k.click('[data-tab="glaseid"]');
  await k.click('#gid-input');
  await k.waitForSelector('#osk:not([hidden])');
  for (const ch of 'shop42') await k.click(`#osk button[data-value="${ch}"]`);
  assert.is(await k.inputValue('#gid-input'), 'SHOP42', 'the keyboard starts in capitals for a Glase ID');
  await k.click('#osk button[data-value="done"]');
  await k.click('#gid-btn');
  await k.waitForSelector('#gid-msg.ok', { timeout: 10_000 });
  assert.is(await k.textContent('#gid-current'), 'SHOP42');

  await k.click('#gid-scan');
  await k.waitForFunction(() => /Scan the Glase sticker/.test(document.querySelector('#gid-msg')?.textContent ?? ''));
  await till.daemon.scannerEmulator!.scan('HTTP://SEQR.SE/QSTICKER7');
  await k.waitForFunction(() => document.querySelector('#gid-current')?.textContent === 'STICKER7', null, { timeout: 10_000 });
  assert.is(await k.inputValue('#gid-input'), 'STICKER7', 'the scan fills the field');
  assert.match((await k.textContent('#gid-msg')) ?? '', /STICKER7 is assigned/);
  assert.is(till.daemon.till.setup().glaseId, 'STICKER7');
  await till.shot('admin-glase-id');

  await k.click('#admin-exit');
  await k.waitForSelector('#s-start:not([hidden])');
  await k.waitForSelector('#status-dot.ok', { timeout: 20_000 });
  assert.not.ok(await k.isDisabled('#glase-btn'), 'registered, Glase ID assigned: payments can start');
});

t.run();
