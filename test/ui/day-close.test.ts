// Close day on the kiosk screen at 800×480, as an admin does it: pay 12.50 on the phone page,
// plant a difference at Glase (the simulator reports 13.00), Admin → PIN → Close day → the
// reseller login → Z 1 printed (decoded from the virtual printer: Z REPORT 1, NEEDS ATTENTION,
// Amount differs) → the status bar shows the difference → Acknowledge → the bar clears and the
// acknowledgement is in the audit log. Screenshots.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { typeKeys, type UiTill, startReadyDemoTill, payOnPhone } from './harness.js';
import { DEMO } from '../../src/daemon/demo-bootstrap.js';

const t = suite('kiosk screen: close day');
let till: UiTill;

t.before(async () => {
  till = await startReadyDemoTill();
});
t.after(async () => {
  await till?.close();
});

t('Close day → Z printed → the planted difference in the status bar → acknowledge', async () => {
  const k = till.kiosk;
  const ers = await payOnPhone(till, '12.5');
  const printer = till.daemon.printerEmulator!;
  const before = (await printer.waitForDocuments(1, 10_000)).length;
  await k.click('#paid-done');
  // Glase's books differ from the till's: the simulator reports 13.00 for this payment
  const r = await fetch(`${till.daemon.simulatorUrl}/simulator/payments/${ers}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reportedAmount: 1300 }) });
  assert.is(r.status, 200);
  assert.ok(await k.isHidden('#dayclose-banner'), 'nothing to show before the close');

  await k.click('#admin-btn');
  await k.waitForSelector('#s-pin:not([hidden])');
  await typeKeys(k, 'kp-pin', DEMO.pin);
  await k.click('#pin-ok');
  await k.waitForSelector('#s-admin:not([hidden])');
  await k.click('#s-admin .tab[data-tab="dayclose"]');
  await k.fill('#dc-reseller', DEMO.resellerId);
  await k.fill('#dc-user', DEMO.userId);
  await k.fill('#dc-password', DEMO.password);
  await k.click('#dc-btn');
  // the answer has come when the button is back (the progress lines come as events before it)
  await k.waitForFunction(() => !(document.querySelector('#dc-btn') as HTMLButtonElement).disabled, null, { timeout: 60_000 });
  assert.match((await k.textContent('#dc-msg')) ?? '', /^Z 1 printed/, await k.textContent('#dc-msg') ?? '');
  assert.match((await k.textContent('#dc-msg')) ?? '', /1 difference\(s\) with Glase need attention/);
  assert.is(await k.inputValue('#dc-password'), '', 'the password is not kept in the page');
  await till.shot('dayclose-admin');

  // the Z as the printer received it (ESC/POS decoded by the emulator)
  const docs = await printer.waitForDocuments(before + 1, 20_000);
  const z = docs[docs.length - 1].text;
  for (const want of [/Z REPORT 1/, /NEEDS ATTENTION/, /Amount differs/, new RegExp(ers), /Payments 1 +12\.50 SEK/, /Payments 1 +13\.00 SEK/]) assert.match(z, want);

  // the status bar says so on every screen until an admin acknowledges
  await k.waitForSelector('#dayclose-banner:not([hidden])');
  assert.match((await k.textContent('#dayclose-banner')) ?? '', /Z 1: 1 difference\(s\) with Glase need attention/);
  await k.click('#dc-ack-1');
  await k.waitForSelector('#dayclose-banner', { state: 'hidden' });
  assert.match((await k.textContent('#dc-list')) ?? '', /differences acknowledged/);
  assert.ok(till.daemon.store.audit.list().some((a) => a.action === 'day-close-acknowledged' && a.detail === 'z=1'));
  await till.shot('dayclose-acknowledged');
});

t.run();
