// A payment stuck because Glase cannot be reached, settled outside the till on the kiosk screen
// (issue 10 §3) at 800×480: while getPaymentStatus gets no answer the waiting screen offers it;
// the admin PIN, a note, the till's live check (still no answer), then the ending "Settled
// outside the till". Screenshots.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startUiTill, typeKeys, type UiTill } from './harness.js';

const t = suite('kiosk screen: settle a stuck payment outside the till');
let till: UiTill;
const faults = (method: string, body?: unknown) =>
  fetch(`${till.daemon.simulatorUrl}/simulator/faults`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.status);

t.before(async () => {
  till = await startUiTill({ demo: true, windowMs: 30_000 });
  await till.kiosk.waitForSelector('#status-dot.ok', { timeout: 15_000 });
});
t.after(async () => {
  await till?.close();
});

t('Glase unreachable: offered on the waiting screen, PIN, note, live check, settled', async () => {
  const k = till.kiosk;
  await typeKeys(k, 'kp-start', '27');
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForFunction(() => document.querySelector('#wait-title')?.textContent === 'Waiting for the customer', null, { timeout: 10_000 });
  assert.ok(await k.isHidden('#wait-settle'), 'not offered while Glase answers');
  assert.is(await faults('POST', { operation: 'getPaymentStatus', drop: true, times: 10_000 }), 201);
  await k.waitForSelector('#wait-settle:not([hidden])', { timeout: 20_000 });
  await till.shot('settle-offered');
  await k.click('#wait-settle');
  await k.waitForSelector('#s-pin:not([hidden])');
  await typeKeys(k, 'kp-pin', '1234');
  await k.click('#pin-ok');
  await k.waitForSelector('#s-settle:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#settle-amount'), '27.00 SEK');
  await k.click('#settle-go');
  if (await k.isVisible('#osk [data-value="done"]')) await k.click('#osk [data-value="done"]');
  assert.match((await k.textContent('#settle-err')) ?? '', /Say how the payment was settled instead/);
  await k.fill('#settle-note', 'customer paid cash');
  await till.shot('settle-note');
  await k.click('#osk [data-value="done"]'); // the on-screen keyboard's Done, as a cashier would
  await k.click('#settle-go');
  await k.waitForSelector('#s-ended:not([hidden])', { timeout: 20_000 });
  assert.is(await k.textContent('#ended-title'), 'Settled outside the till');
  assert.match((await k.textContent('#ended-reason')) ?? '', /^Settled outside the till: Glase could not be reached/);
  await till.shot('settled-outside');
  const p = await k.evaluate(async () => (await fetch('/api/payments/current')).status);
  assert.is(p, 404, 'the till is free');
  assert.is(await faults('DELETE'), 200);
  await k.click('#ended-done');
  await k.waitForSelector('#s-start:not([hidden])');
});

t.run();
