// Issue 9 item 18: a fresh till set up entirely from the touchscreen. The PIN screen says at
// once that no PIN is set and offers to set one (typed twice, 4–12 digits); then the menu
// says what comes next: register, then the Glase ID; then the till takes payments.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO } from '../../src/daemon/demo-bootstrap.js';
import { startUiTill, typeKeys, type UiTill } from './harness.js';

const t = suite('kiosk screen: first run from the touchscreen');
let till: UiTill;
const PIN = '135790';

t.before(async () => {
  till = await startUiTill({ demo: false }); // no PIN, not registered, no Glase ID
});
t.after(async () => {
  await till?.close();
});

const text = async (sel: string) => (await till.kiosk.textContent(sel)) ?? '';

t('no PIN yet: the screen says so before any try, and the PIN is typed twice', async () => {
  const k = till.kiosk;
  await k.click('#admin-btn');
  await k.waitForFunction(() => /No admin PIN is set on this till yet\. Choose one: 4 to 12 digits\./.test(document.querySelector('#pin-lead')?.textContent ?? ''));
  assert.is(await text('#pin-ok'), 'Next');
  await typeKeys(k, 'kp-pin', '135');
  assert.ok(await k.isDisabled('#pin-ok'), 'three digits are not a PIN');
  await k.click('#kp-pin [data-key="clear"]');
  await typeKeys(k, 'kp-pin', PIN);
  await till.shot('first-run-choose-pin');
  await k.click('#pin-ok');
  assert.is(await text('#pin-lead'), 'Enter the same PIN again.');
  assert.is(await text('#pin-ok'), 'Set PIN');
  assert.is(await text('#pin-dots'), ' ', 'the second entry starts empty');
  // a different second entry: nothing is set, choose again
  await typeKeys(k, 'kp-pin', '135791');
  await k.click('#pin-ok');
  await k.waitForFunction(() => /not the same/.test(document.querySelector('#pin-err')?.textContent ?? ''));
  assert.match(await text('#pin-lead'), /Choose one/);
  assert.not.ok(till.daemon.store.settings.get('adminPin'), 'no PIN stored');

  await typeKeys(k, 'kp-pin', PIN);
  await k.click('#pin-ok');
  await typeKeys(k, 'kp-pin', PIN);
  await k.click('#pin-ok');
  await k.waitForSelector('#s-admin:not([hidden])', { timeout: 10_000 });
  assert.match(await text('#reg-msg'), /^The admin PIN is set\. Next: register this till with the Glase reseller account/);
  assert.ok(await k.isVisible('#reg-form'), 'straight on the registration tab');
  assert.match(await text('#setup-next'), /Next: register this till/);
  assert.is(await k.getAttribute('[data-tab="register"]', 'class'), 'tab active next');
  assert.not.ok((await k.content()).includes(PIN), 'the PIN is nowhere in the page');
  const audit = till.daemon.store.audit.list();
  assert.ok(audit.some((e) => e.action === 'admin-pin-set' && e.actor === 'client@kiosk'), 'audited');
  assert.not.match(JSON.stringify(audit), new RegExp(PIN));
  await till.shot('first-run-pin-set');
});

t('register: the screen says the Glase ID comes next; assign it: the till is set up', async () => {
  const k = till.kiosk;
  await k.fill('#reg-reseller', DEMO.resellerId);
  await k.fill('#reg-user', DEMO.userId);
  await k.fill('#reg-password', DEMO.password);
  await k.click('#reg-btn');
  await k.waitForSelector('#reg-msg.ok', { timeout: 10_000 });
  assert.match(await text('#reg-msg'), /^Registered as terminal [0-9a-f]{32}\. Next: assign the Glase ID from the till’s sticker/);
  assert.match(await text('#setup-next'), /Next: assign the Glase ID/);
  assert.match((await k.getAttribute('[data-tab="glaseid"]', 'class')) ?? '', /\bnext\b/);
  await till.shot('first-run-registered');

  await k.click('[data-tab="glaseid"]');
  await k.fill('#gid-input', 'FIRSTRUN1');
  await k.click('#gid-btn');
  await k.waitForSelector('#gid-msg.ok', { timeout: 10_000 });
  assert.is(await text('#gid-msg'), 'Glase ID FIRSTRUN1 is assigned to this till. The till is set up: press Close to take payments.');
  assert.ok(await k.isHidden('#setup-next'), 'nothing left to set up');
  assert.is(await k.locator('#s-admin .tab.next').count(), 0);
  await till.shot('first-run-done');

  await k.click('#admin-exit');
  await k.waitForSelector('#s-start:not([hidden])');
  await typeKeys(k, 'kp-start', '10');
  await k.waitForSelector('#status-dot.ok', { timeout: 20_000 });
  await k.waitForFunction(() => !(document.querySelector('#glase-btn') as HTMLButtonElement).disabled, null, { timeout: 10_000 });
  assert.not.ok(await k.isDisabled('#glase-btn'), 'ready for Glase payments');
});

t('from now on the PIN screen asks for the PIN that was set', async () => {
  const k = till.kiosk;
  await k.click('#admin-btn');
  await k.waitForSelector('#s-pin:not([hidden])');
  await new Promise((r) => setTimeout(r, 300)); // the PIN state answer arrives
  assert.is(await text('#pin-lead'), 'Enter the admin PIN');
  assert.is(await text('#pin-ok'), 'Open');
  await typeKeys(k, 'kp-pin', PIN);
  await k.click('#pin-ok');
  await k.waitForSelector('#s-admin:not([hidden])');
  await k.click('#admin-exit');
});

t.run();
