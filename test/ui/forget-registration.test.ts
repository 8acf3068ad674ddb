// The admin screen's way out of the re-register dead end (issue 9): Glase forgets the till,
// unregister gets 29, the Registration tab then offers "Forget registration" instead (and
// hides unregister, which cannot work any more); after it the till registers again.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO } from '../../src/daemon/demo-bootstrap.js';
import { startUiTill, type UiTill, openAdminTab } from './harness.js';

const t = suite('kiosk screen: forget a registration Glase no longer knows');
let till: UiTill;

t.before(async () => {
  till = await startUiTill({ demo: true });
});
t.after(async () => {
  await till?.close();
});

t('29 → the Registration tab offers Forget registration → register again', async () => {
  const d = till.daemon;
  const old = d.till.setup().terminalId!;
  const k = till.kiosk;
  await openAdminTab(till, DEMO.pin, 'register');
  await k.waitForSelector('#unreg-btn:visible');
  assert.not.ok(await k.isVisible('#forget-btn'), 'not offered while Glase knows the till');

  // Glase forgets the terminal; unregistering now gets 29
  await fetch(`${d.simulatorUrl}/simulator/terminals/${old}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ unregistered: true }) });
  await k.click('#unreg-btn');
  await k.click('#confirm-yes');
  await k.waitForSelector('#reg-msg.bad', { timeout: 10_000 });
  assert.match((await k.textContent('#reg-msg')) ?? '', /nothing to unregister; forget its registration/);

  await k.waitForSelector('#forget-btn:visible', { timeout: 10_000 });
  assert.not.ok(await k.isVisible('#unreg-btn'), 'unregister cannot work any more: hidden');
  assert.match((await k.textContent('#reg-unknown-text')) ?? '', /Glase no longer knows this till/);
  await till.shot('admin-forget-offered');
  await k.click('#forget-btn');
  await k.waitForSelector('#confirm:not([hidden])');
  assert.match((await k.textContent('#confirm-text')) ?? '', /Forget this till’s registration here\?/);
  await k.click('#confirm-yes');
  await k.waitForSelector('#reg-msg.ok', { timeout: 10_000 });
  assert.match((await k.textContent('#reg-msg')) ?? '', /The registration was forgotten\. Next: register this till/);
  assert.is(d.till.setup().state, 'unregistered');
  assert.ok(d.store.audit.list(10).some((a) => a.action === 'forget-registration'), 'audited');

  await k.waitForSelector('#reg-form:visible');
  await k.fill('#reg-reseller', DEMO.resellerId);
  await k.fill('#reg-user', DEMO.userId);
  await k.fill('#reg-password', DEMO.password);
  await k.click('#reg-btn');
  await k.waitForFunction(() => /Registered as terminal [0-9a-f]{32}/.test(document.querySelector('#reg-msg')?.textContent ?? ''), null, { timeout: 10_000 });
  assert.is.not(d.till.setup().terminalId, old);
  await till.shot('admin-registered-again');
});

t.run();
