// The admin menu of a running till: wrong and right PIN, device and server status, printer
// test, reprint of the last receipt as a COPY, unregister with a confirmation, the PIN lockout.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { phoneOpens, startUiTill, typeKeys, type UiTill } from './harness.js';

const t = suite('kiosk screen: admin menu');
let till: UiTill;
let pin: string;

t.before(async () => {
  till = await startUiTill({ demo: true });
  pin = till.daemon.demo!.adminPin!;
  await till.kiosk.waitForSelector('#status-dot.ok', { timeout: 15_000 });
});
t.after(async () => {
  await till?.close();
});

async function enterPin(p: string) {
  const k = till.kiosk;
  await k.click('#kp-pin [data-key="clear"]');
  await typeKeys(k, 'kp-pin', p);
  assert.is(await k.textContent('#pin-dots'), '●'.repeat(p.length), 'the PIN shows as dots only');
  await k.click('#pin-ok');
}

t('wrong PIN is refused, the right one opens the menu with the status', async () => {
  const k = till.kiosk;
  await k.click('#admin-btn');
  await k.waitForSelector('#s-pin:not([hidden])');
  await enterPin('9999');
  await k.waitForFunction(() => /Wrong PIN/.test(document.querySelector('#pin-err')?.textContent ?? ''));
  assert.ok(await k.isVisible('#s-pin'));
  await till.shot('pin-wrong');

  await enterPin(pin);
  await k.waitForSelector('#s-admin:not([hidden])');
  const status = (await k.textContent('#status-list')) ?? '';
  assert.match(status, new RegExp(till.daemon.till.setup().terminalId!));
  assert.match(status, new RegExp(till.daemon.demo!.glaseId));
  assert.match(status, /Printer\s*virtual — ready/);
  await till.shot('admin-status');
});

t('printer test prints a page; reprint prints a COPY of the last receipt', async () => {
  const k = till.kiosk;
  // a paid receipt to reprint (paid through the API as a host POS would, so the menu stays open)
  const res = await k.evaluate(async () => (await fetch('/api/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 777 }) })).status);
  assert.is(res, 201);
  await k.waitForSelector('#s-wait:not([hidden])', { timeout: 10_000 });
  assert.ok(await k.isHidden('#s-admin'), 'a running payment takes the screen');
  await phoneOpens(till, till.daemon.demo!.glaseId);
  await till.phone.click('#pay');
  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  const ers = (await k.getAttribute('#paid-ref', 'data-ers'))!;
  const emu = till.daemon.printerEmulator!;
  const before = (await emu.waitForDocuments(1, 10_000)).length;
  await k.click('#paid-done');

  await k.click('#admin-btn');
  await enterPin(pin);
  await k.waitForSelector('#s-admin:not([hidden])');
  await k.click('[data-tab="printer"]');
  await k.click('#ptest-btn');
  await k.waitForSelector('#printer-msg.ok', { timeout: 10_000 });
  await emu.waitForDocuments(before + 1, 10_000);
  await k.click('#reprint-btn');
  await k.waitForSelector('#printer-msg.ok', { timeout: 10_000 });
  assert.match((await k.textContent('#printer-msg')) ?? '', /COPY/);
  const docs = await emu.waitForDocuments(before + 2, 10_000);
  const copy = docs[docs.length - 1];
  assert.match(copy.text, /COPY/);
  assert.ok(copy.text.includes(ers), 'the copy is of the last receipt');
  await k.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#admin-receipt');
    return !!img && !img.hidden && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 10_000 });
  await till.shot('admin-printer');
});

t('unregister asks first; No keeps the registration, Yes unregisters', async () => {
  const k = till.kiosk;
  await k.click('[data-tab="register"]');
  await k.click('#unreg-btn');
  await k.waitForSelector('#confirm:not([hidden])');
  await till.shot('admin-unregister-confirm');
  await k.click('#confirm-no');
  assert.ok(till.daemon.till.setup().terminalId, 'still registered');
  await k.click('#unreg-btn');
  const unregistering = k.waitForRequest((r) => r.url().endsWith('/api/admin/unregister'));
  await k.click('#confirm-yes');
  const session = (await unregistering).headers()['x-admin-session'];
  assert.ok(session, 'the screen sends its admin session');
  await k.waitForSelector('#reg-msg.ok', { timeout: 10_000 });
  await k.waitForSelector('#reg-form:not([hidden])');
  assert.not.ok(till.daemon.till.setup().terminalId);
  // issue 9 item 12: Close ends the session at the till, not only on the screen
  const loggedOut = k.waitForResponse((r) => r.url().endsWith('/api/admin/logout'));
  await k.click('#admin-exit');
  assert.is((await loggedOut).status(), 204);
  const reused = await k.evaluate(async (s) => (await fetch('/api/admin/audit', { headers: { 'x-admin-session': s } })).status, session);
  assert.is(reused, 401, 'the closed session is refused');
  await k.waitForFunction(() => /not registered/.test(document.querySelector('#status-text')?.textContent ?? ''), null, { timeout: 10_000 });
});

t('too many wrong PINs lock the menu, and the screen says for how long', async () => {
  const k = till.kiosk;
  await k.click('#admin-btn');
  for (let i = 0; i < 6; i++) {
    await enterPin('0000');
    await k.waitForFunction(() => (document.querySelector('#pin-err')?.textContent ?? '') !== '');
    if (/Too many/.test((await k.textContent('#pin-err')) ?? '')) break;
  }
  assert.match((await k.textContent('#pin-err')) ?? '', /Too many wrong PINs: the admin menu is locked\. Try again in \d+ s\./);
  await till.shot('pin-locked');
  await enterPin(pin);
  await k.waitForFunction(() => /Too many/.test(document.querySelector('#pin-err')?.textContent ?? ''));
  assert.ok(await k.isVisible('#s-pin'), 'even the right PIN waits for the lockout');
});

t.run();
