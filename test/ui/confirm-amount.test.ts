// ui.confirmAmount false: "Glase payment" pays what is left at once, straight to the waiting
// screen, without the amount dialog and its Pay (a till whose host POS pushes the receipt).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startUiTill, type UiTill } from './harness.js';

const t = suite('ui.confirmAmount false');
let till: UiTill;

t.before(async () => {
  till = await startUiTill({ confirmAmount: false });
});
t.after(async () => till.close());

t('Glase payment goes straight to waiting with what is left', async () => {
  const k = till.kiosk;
  await k.waitForSelector('#kp-start [data-key="7"]');
  await k.click('#kp-start [data-key="7"]');
  await k.waitForSelector('#glase-btn:not([disabled])', { timeout: 15_000 });
  await k.evaluate(() => {
    new MutationObserver(() => {
      if (!(document.querySelector('#s-amount') as HTMLElement).hidden) (window as unknown as { sawDialog: boolean }).sawDialog = true;
    }).observe(document.querySelector('#s-amount')!, { attributes: true });
  });
  await k.click('#glase-btn');
  await k.waitForSelector('#s-wait:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#wait-amount'), '7.00 SEK');
  const dialog = await k.evaluate(() => (window as unknown as { sawDialog?: boolean }).sawDialog === true);
  assert.not.ok(dialog, 'the amount dialog never showed');
  await k.click('#wait-cancel');
  await k.waitForSelector('#s-ended:not([hidden])', { timeout: 15_000 });
});

t.run();
