// The "try again / cancel the payment" question after a window without payment (a short
// window from config), answered in the browser: try again then the customer pays; and cancel.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { phoneOpens, startUiTill, typeKeys, type UiTill } from './harness.js';

const t = suite('kiosk screen: the try-again question');
let till: UiTill;

t.before(async () => {
  till = await startUiTill({ demo: true, windowMs: 2_000 });
  await till.kiosk.waitForSelector('#status-dot.ok', { timeout: 15_000 });
});
t.after(async () => {
  await till?.close();
});

async function startPayment(amount: string) {
  const k = till.kiosk;
  await typeKeys(k, 'kp-start', amount);
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForSelector('#s-wait:not([hidden])');
}

t('question after the window, try again, then the customer pays', async () => {
  const k = till.kiosk;
  await startPayment('42');
  await k.waitForSelector('#s-question:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#q-amount'), '42.00 SEK');
  assert.not.ok(await k.isDisabled('#q-again'));
  // the question and its buttons say the same thing
  assert.is(await k.textContent('#s-question h1'), 'Keep waiting?');
  assert.equal([await k.textContent('#q-again'), await k.textContent('#q-cancel')], ['Keep waiting', 'Cancel payment']);
  await till.shot('question');
  // a reloaded screen (browser restart) comes back to the open question
  await k.reload();
  await k.waitForSelector('#s-question:not([hidden])', { timeout: 10_000 });

  await k.click('#q-again');
  await k.waitForSelector('#s-wait:not([hidden])', { timeout: 5_000 });
  assert.is(await k.textContent('#wait-title'), 'Waiting for the customer', 'a new window of polling');
  await phoneOpens(till, till.daemon.demo!.glaseId);
  await till.phone.click('#pay');
  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  assert.match((await k.getAttribute('#paid-ref', 'data-ers')) ?? '', /^\d{25}$/);
  await k.click('#paid-done');
  await k.waitForSelector('#s-start:not([hidden])');
});

t('question after the window, cancel the payment', async () => {
  const k = till.kiosk;
  await k.waitForSelector('#status-dot.ok', { timeout: 10_000 });
  await startPayment('9');
  await k.waitForSelector('#s-question:not([hidden])', { timeout: 10_000 });
  await k.click('#q-cancel');
  const ended = await k.waitForSelector('#s-ended:not([hidden])', { timeout: 20_000 }).then(() => true, () => false);
  // on failure, say where the till and the screen were
  const current = ended ? '' : await k.evaluate(async () => JSON.stringify({ api: await (await fetch('/api/payments/current')).text(), screen: document.querySelector('section:not([hidden])')?.id, err: document.querySelector('#q-err, .action-error')?.textContent }));
  assert.ok(ended, `cancelled screen not shown: ${current}`);
  assert.is(await k.textContent('#ended-title'), 'Payment cancelled');
});

t('the till restarts (now with a host POS token): a banner, no payment button, then it reconnects', async () => {
  const k = till.kiosk;
  await k.click('#ended-done');
  await k.waitForSelector('#status-dot.ok', { timeout: 10_000 });
  assert.not.ok(await k.isDisabled('#glase-btn'));
  // a host POS token now: only the cookie the screen got with the kiosk secret still opens the API
  const stopping = till.restart({ token: 'host-pos-token' });
  await k.waitForSelector('#conn-banner:not([hidden])', { timeout: 10_000 });
  assert.ok(await k.isDisabled('#glase-btn'));
  assert.match((await k.textContent('#why')) ?? '', /lost its connection/);
  await till.shot('connection-lost');
  await stopping;
  await k.waitForSelector('#conn-banner', { state: 'hidden', timeout: 20_000 });
  await k.waitForSelector('#status-dot.ok', { timeout: 15_000 });
  assert.is(await k.textContent('#v-total'), '9', 'the typed receipt survives the reload');
  const status = await k.evaluate(async () => (await fetch('/api/status')).status);
  assert.is(status, 200, 'the reloaded page still holds the kiosk cookie from the kiosk secret');
});

t.run();
