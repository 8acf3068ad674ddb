// The host POS pushes its active receipt (PUT /api/receipt) and the kiosk screen pre-enters it:
// 120.00 with 20.00 paid by other tenders → 100.00 left → Glase → Pay → the phone pays → paid,
// the receipt is cleared and the keypad is back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { phoneOpens, startUiTill, type UiTill } from './harness.js';

const t = suite('kiosk screen: active receipt from the host POS');
const TOKEN = 'host-pos-token';
let till: UiTill;

const hostPos = async (method: string, body?: unknown) => {
  const res = await fetch(till.daemon.apiUrl + '/api/receipt', {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};

t.before(async () => {
  till = await startUiTill({ demo: true, windowMs: 30_000, token: TOKEN });
  await till.kiosk.waitForSelector('#status-dot.ok', { timeout: 15_000 });
});
t.after(async () => {
  await till?.close();
});

t('pushed receipt 120.00 with 20.00 paid: 100.00 left pre-entered, paid with Glase, then cleared', async () => {
  const k = till.kiosk;
  assert.ok(await k.isVisible('#kp-start'), 'no receipt: the keypad stands in');
  const put = await hostPos('PUT', {
    total: 12000,
    alreadyPaid: 2000,
    rows: [{ description: 'Rain jacket', amount: 9000 }, { description: 'Wool socks', quantity: '2', amount: 3000 }],
    cashierId: 'anna',
    title: 'Receipt 4711',
  });
  assert.is(put.status, 200, JSON.stringify(put.json));

  // the SSE event alone updates the open screen
  await k.waitForFunction(() => document.querySelector('#v-left')?.textContent === '100.00 SEK', null, { timeout: 10_000 });
  assert.is(await k.textContent('#v-total'), '120.00');
  assert.is(await k.textContent('#v-paid'), '20.00');
  assert.not.ok(await k.isVisible('#kp-start'), 'the keypad is replaced by the pushed receipt');
  assert.match((await k.textContent('#hr-source')) ?? '', /Receipt 4711 · cashier anna/);
  assert.match((await k.textContent('#hr-rows')) ?? '', /Rain jacket\s*90\.00.*2 × Wool socks\s*30\.00.*Already paid\s*-20\.00/s);
  await till.shot('host-receipt');

  // a reload gets the same receipt from /api/status
  await k.reload();
  await k.waitForFunction(() => document.querySelector('#v-left')?.textContent === '100.00 SEK', null, { timeout: 10_000 });
  await k.waitForSelector('#glase-btn:not([disabled])', { timeout: 10_000 });

  await k.click('#glase-btn');
  await k.waitForSelector('#s-amount:not([hidden])');
  assert.is(await k.textContent('#v-amount'), '100.00', 'what is left is pre-entered');
  await k.click('#pay-btn');
  await k.waitForSelector('#s-wait:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#wait-amount'), '100.00 SEK');
  // the host POS changes the receipt before the customer pays (issue 10 §2; it was refused with
  // 409 before): a 10.00 discount goes to the same invoice (updateInvoice), the screen shows it
  await k.waitForFunction(() => document.querySelector('#wait-title')?.textContent === 'Waiting for the customer', null, { timeout: 10_000 });
  const changed = await hostPos('PUT', {
    total: 11000,
    alreadyPaid: 2000,
    rows: [{ description: 'Rain jacket', amount: 9000 }, { description: 'Wool socks', quantity: '2', amount: 3000 }, { description: 'Discount', amount: -1000 }],
    cashierId: 'anna',
    title: 'Receipt 4711',
  });
  assert.is(changed.status, 200, JSON.stringify(changed.json));
  await k.waitForFunction(() => document.querySelector('#wait-amount')?.textContent === '90.00 SEK', null, { timeout: 10_000 });
  await till.shot('host-receipt-changed');

  const glaseId = till.daemon.demo!.glaseId;
  await phoneOpens(till, glaseId);
  const phone = till.phone;
  assert.is(await phone.textContent('#total'), '90.00 SEK');
  const shown = (await phone.textContent('#invoice')) ?? '';
  assert.match(shown, /Receipt 4711 · cashier anna/, 'the pushed title and cashier reached the invoice');
  assert.match(shown, /Rain jacket.*Wool socks × 2.*Discount.*Already paid/s, 'the pushed rows, balanced by the already-paid row');
  await phone.click('#pay');
  await phone.waitForSelector('#result[data-status="PAID"]');

  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  assert.is(await k.textContent('#paid-amount'), '90.00 SEK');
  assert.match((await k.getAttribute('#paid-ref', 'data-ers')) ?? '', /^\d{25}$/);
  // fully paid: the till cleared the receipt
  assert.is((await hostPos('GET')).status, 404);
  await till.shot('host-receipt-paid');
  await k.click('#paid-done');
  await k.waitForSelector('#s-start:not([hidden])');
  assert.ok(await k.isVisible('#kp-start'), 'the receipt is paid: the keypad is back');
  assert.is(await k.textContent('#v-total'), '0');
});

t('DELETE from the host POS brings the keypad back', async () => {
  const k = till.kiosk;
  assert.is((await hostPos('PUT', { total: 4500 })).status, 200);
  await k.waitForFunction(() => document.querySelector('#v-total')?.textContent === '45.00', null, { timeout: 10_000 });
  assert.is((await hostPos('DELETE')).status, 204);
  await k.waitForFunction(() => !(document.querySelector('#kp-start') as HTMLElement).hidden, null, { timeout: 10_000 });
  assert.ok(await k.isHidden('#host-receipt'));
});

t.run();
