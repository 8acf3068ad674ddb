// A physical keyboard answers the kiosk's dialogs the safe way: Escape closes the receipt
// lookup (and keeps the registration / goes back from a refund confirmation).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startUiTill, type UiTill } from './harness.js';

const t = suite('keyboard on dialogs');
let till: UiTill;

t.before(async () => {
  till = await startUiTill();
});
t.after(async () => till.close());

t('Escape closes the receipt lookup', async () => {
  const k = till.kiosk;
  await k.waitForSelector('#kp-start [data-key="7"]');
  await till.daemon.scannerEmulator!.scan('9999999999999999999999999');
  await k.waitForSelector('#lookup:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#lk-title'), 'Receipt not found');
  await k.keyboard.press('Escape');
  await k.waitForSelector('#lookup', { state: 'hidden', timeout: 5_000 });
  assert.ok(await k.isVisible('#s-start'));
});

t.run();
