// A receipt scanned while the till is idle opens the receipt lookup: what the journal holds for
// the ersReference (amount, time, invoice id, printed or not, the receipt picture) or "not found".
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { phoneOpens, typeKeys, type UiTill, startReadyDemoTill, payOnPhone } from './harness.js';

const t = suite('kiosk screen: receipt lookup by scanning the ersReference');
let till: UiTill;
let ers = '';

t.before(async () => {
  till = await startReadyDemoTill();
});
t.after(async () => {
  await till?.close();
});

t('pay, then scan that receipt: the lookup shows amount, reference, invoice id, printed, picture', async () => {
  const k = till.kiosk;
  ers = await payOnPhone(till, '42.5');
  assert.match(ers, /^\d{25}$/);
  await till.daemon.printerEmulator!.waitForDocuments(1, 10_000);
  const invoiceId = (await (await fetch(`${till.daemon.apiUrl}/api/receipts/${ers}`)).json()).post?.clientInvoiceId;
  await k.click('#paid-done');
  await k.waitForSelector('#s-start:not([hidden])');
  assert.ok(await k.isHidden('#lookup'), 'no lookup before a scan');

  await till.daemon.scannerEmulator!.scan(ers);
  await k.waitForSelector('#lookup:not([hidden])', { timeout: 10_000 });
  assert.is(await k.getAttribute('#lookup', 'data-found'), 'yes');
  assert.is(await k.textContent('#lk-title'), 'Receipt found');
  assert.is(await k.textContent('#lk-amount'), '42.50 SEK');
  assert.is(await k.getAttribute('#lk-ref', 'data-ers'), ers);
  assert.is((await k.textContent('#lk-ref'))!.replace(/\s/g, ''), ers);
  // local time with its zone (issue 15): "2026-11-29 16:46:07 CET"
  assert.match((await k.textContent('#lk-time')) ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z][A-Za-z0-9+:-]*$/);
  assert.ok(invoiceId, 'the API lookup has the clientInvoiceId');
  assert.is(await k.textContent('#lk-invoice'), invoiceId);
  assert.is(await k.textContent('#lk-printed'), 'yes');
  // refunds are available now: what is refundable, and the Refund button (test/ui/refund.test.ts)
  assert.is(await k.textContent('#lk-refundable'), '42.50 SEK');
  assert.ok(await k.isVisible('#lk-refund'));
  await k.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#lk-receipt');
    return !!img && !img.hidden && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 10_000 });
  await till.shot('receipt-lookup-found');

  await k.click('#lk-close');
  assert.ok(await k.isHidden('#lookup'), 'Close hides the lookup');
  await k.waitForSelector('#s-start:not([hidden])');
});

t('an unknown 25-digit reference: "not found", no picture', async () => {
  const k = till.kiosk;
  const unknown = '1234567890123456789012345';
  await till.daemon.scannerEmulator!.scan(unknown);
  await k.waitForSelector('#lookup[data-found="no"]:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#lk-title'), 'Receipt not found');
  assert.match((await k.textContent('#lk-missing')) ?? '', /No Glase payment with this reference on this till/);
  assert.is(await k.getAttribute('#lk-ref', 'data-ers'), unknown);
  assert.ok(await k.isHidden('#lk-amount'));
  assert.ok(await k.isHidden('#lk-receipt-box'));
  assert.ok(await k.isHidden('#lk-row-invoice'));
  const svg = await fetch(`${till.daemon.apiUrl}/api/receipts/${unknown}/receipt.svg`);
  assert.is(svg.status, 404);
  await till.shot('receipt-lookup-not-found');
  await k.click('#lk-close');
  assert.ok(await k.isHidden('#lookup'));
});

/** A paid receipt's ersReference: the first case's, or (when a case runs alone) one paid now by the host POS. */
async function paidErs(): Promise<string> {
  if (ers) return ers;
  const k = till.kiosk;
  const r = await fetch(`${till.daemon.apiUrl}/api/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 100 }) });
  assert.is(r.status, 201);
  await phoneOpens(till, till.daemon.demo!.glaseId);
  await till.phone.click('#pay');
  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  ers = (await k.getAttribute('#paid-ref', 'data-ers'))!;
  await k.click('#paid-done');
  await k.waitForSelector('#s-start:not([hidden])');
  return ers;
}

t('a receipt scanned during a payment does not open the lookup', async () => {
  const k = till.kiosk;
  const receipt = await paidErs();
  await typeKeys(k, 'kp-start', '5');
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForFunction(() => document.querySelector('#wait-title')?.textContent === 'Waiting for the customer', null, { timeout: 10_000 });
  // the scan event reaches the screen; it must leave the payment screen alone. A second
  // EventSource hears it: scanning waits until that one is open (the server registers a
  // stream before its first byte, so from 'open' on no event is missed).
  await k.evaluate(() => new Promise<void>((opened) => {
    const es = new EventSource('/api/events');
    (window as any).__scanAction = new Promise<string>((resolve) => {
      es.addEventListener('scan', (e) => {
        es.close();
        resolve(JSON.parse((e as MessageEvent).data).action);
      });
    });
    es.addEventListener('open', () => opened(), { once: true });
  }));
  await till.daemon.scannerEmulator!.scan(receipt);
  assert.is(await k.evaluate(() => (window as any).__scanAction as Promise<string>), 'ignored');
  assert.ok(await k.isHidden('#lookup'));
  assert.ok(await k.isVisible('#s-wait'));
  await k.click('#wait-cancel');
  await k.waitForSelector('#s-ended:not([hidden])', { timeout: 10_000 });
  await k.click('#ended-done');
});

t('a payment started by the host POS closes the lookup; its cashier shows on the next lookup', async () => {
  const k = till.kiosk;
  await k.waitForSelector('#status-dot.ok', { timeout: 10_000 });
  await till.daemon.scannerEmulator!.scan('9999999999999999999999999');
  await k.waitForSelector('#lookup:not([hidden])', { timeout: 10_000 });
  const r = await fetch(`${till.daemon.apiUrl}/api/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 700, cashierId: 'anna' }) });
  assert.is(r.status, 201);
  await k.waitForSelector('#s-wait:not([hidden])', { timeout: 10_000 });
  assert.ok(await k.isHidden('#lookup'), 'the payment screen is not covered');
  await phoneOpens(till, till.daemon.demo!.glaseId);
  await till.phone.click('#pay');
  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  const paid = (await k.getAttribute('#paid-ref', 'data-ers'))!;
  await k.click('#paid-done');
  await till.daemon.scannerEmulator!.scan(paid);
  await k.waitForSelector('#lookup[data-found="yes"]:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#lk-amount'), '7.00 SEK');
  assert.is(await k.textContent('#lk-cashier'), 'anna');
  await k.click('#lk-close');
});

t.run();
