// A refund on the kiosk screen at 800×480, as a cashier does it: scan the receipt → the lookup
// shows what is refundable and a Refund button → PIN → keypad pre-filled with the rest → 4.00 of
// 12.50 → confirm → refunded, the refund receipt printed → scan again: 8.50 left. Also from the
// admin menu by typing the reference, and an excess refused in Glase's words. Screenshots.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { typeKeys, type UiTill, startReadyDemoTill, payOnPhone } from './harness.js';

const t = suite('kiosk screen: refunds');
let till: UiTill;
let ers = '';
let refundErs = '';

t.before(async () => {
  till = await startReadyDemoTill();
});
t.after(async () => {
  await till?.close();
});

const text = (k: Page, sel: string) => k.textContent(sel).then((s) => (s ?? '').trim());

async function enterPin(k: Page) {
  await k.waitForSelector('#s-pin:not([hidden])');
  await typeKeys(k, 'kp-pin', '1234');
  await k.click('#pin-ok');
}

async function scan(k: Page, ref: string) {
  await till.daemon.scannerEmulator!.scan(ref);
  await k.waitForSelector('#lookup:not([hidden])', { timeout: 10_000 });
  await k.waitForFunction((r) => document.querySelector<HTMLElement>('#lk-ref')?.dataset.ers === r, ref);
}

t('pay 12.50, then scan the receipt: refundable 12.50 and a Refund button', async () => {
  const k = till.kiosk;
  ers = await payOnPhone(till, '12.5');
  await till.daemon.printerEmulator!.waitForDocuments(1, 10_000);
  await k.click('#paid-done');
  await k.waitForSelector('#s-start:not([hidden])');

  await scan(k, ers);
  assert.is(await text(k, '#lk-title'), 'Receipt found');
  assert.is(await text(k, '#lk-refunded'), '0.00 SEK');
  assert.is(await text(k, '#lk-refundable'), '12.50 SEK');
  assert.ok(await k.isVisible('#lk-refund'), 'the Refund button shows');
  assert.ok(await k.isHidden('#lk-note'), 'no "not available" note any more');
  await k.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#lk-receipt');
    return !!img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 10_000 });
  await till.shot('refund-1-lookup');
});

t('Refund → PIN → keypad pre-filled with 12.50 → 4.00 → confirm → refunded, refund receipt printed', async () => {
  const k = till.kiosk;
  await k.click('#lk-refund');
  assert.ok(await k.isHidden('#lookup'));
  await enterPin(k);
  await k.waitForSelector('#s-refund:not([hidden])');
  assert.is(await text(k, '#rf-amount'), '12.50 SEK', 'pre-filled with what is still refundable');
  assert.match(await text(k, '#rf-hint'), /At most 12\.50 SEK can still be refunded/);
  await till.shot('refund-2-amount-prefilled');
  await typeKeys(k, 'kp-refund', '⌫⌫⌫⌫⌫4');
  assert.is(await text(k, '#rf-amount'), '4 SEK');
  // the reason is typed on the on-screen keyboard, closed with its Done key
  await k.click('#rf-reason');
  for (const ch of 'broken cup') await k.click(`#osk button[data-value="${ch}"]`);
  await k.click('#osk button[data-value="done"]');
  await k.waitForSelector('#osk', { state: 'hidden' });
  await k.click('#rf-go');
  await k.waitForSelector('#rf-confirm:not([hidden])');
  assert.is(await text(k, '#rf-confirm-text'), 'Refund 4.00 SEK to the customer\'s Glase account (broken cup)?');
  await till.shot('refund-3-confirm');
  await k.click('#rf-confirm-yes');
  await k.waitForSelector('#s-refund-result:not([hidden])');
  await k.waitForFunction(() => document.querySelector('#rr-title')?.textContent === 'Refunded with Glase', null, { timeout: 15_000 });
  assert.is(await text(k, '#rr-amount'), '4.00 SEK');
  refundErs = (await k.getAttribute('#rr-ref', 'data-ers'))!;
  assert.match(refundErs, /^\d{25}$/);
  assert.is.not(refundErs, ers);
  // the refund receipt came out of the printer: "Glase refund", both references, the refund's barcode
  const docs = await till.daemon.printerEmulator!.waitForDocuments(2, 10_000);
  const paper = docs[1];
  assert.ok(paper.lines.some((l) => l.includes('Glase refund')), paper.lines.join('\n'));
  assert.ok(paper.lines.some((l) => l.includes(ers)), 'the original reference is printed');
  assert.ok(paper.lines.some((l) => /Refunded\s+-4\.00 SEK/.test(l)));
  assert.equal(paper.barcodes.map((b) => b.data), [refundErs]);
  await k.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#rr-receipt');
    return !!img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 10_000 });
  await till.shot('refund-4-result');
  await k.click('#rr-done');
  await k.waitForSelector('#s-start:not([hidden])');
});

t('scan the payment again: refunded 4.00, 8.50 left; the refund receipt scans as a refund', async () => {
  const k = till.kiosk;
  await scan(k, ers);
  assert.is(await text(k, '#lk-refunded'), '4.00 SEK');
  assert.is(await text(k, '#lk-refundable'), '8.50 SEK');
  assert.ok(await k.isVisible('#lk-refund'));
  await till.shot('refund-5-lookup-after');
  await k.click('#lk-close');

  await scan(k, refundErs);
  assert.is(await text(k, '#lk-title'), 'Refund receipt found');
  assert.is(await text(k, '#lk-amount'), '-4.00 SEK');
  assert.ok(await k.isHidden('#lk-refund'), 'a refund cannot be refunded');
  assert.match(await text(k, '#lk-note'), /refund's receipt/);
  await k.click('#lk-close');
});

t('admin menu: type the reference, refund more than is left → refused in the words of 98', async () => {
  const k = till.kiosk;
  await k.click('#admin-btn');
  await enterPin(k);
  await k.waitForSelector('#s-admin:not([hidden])');
  await k.click('#s-admin .tab[data-tab="refunds"]');
  await k.waitForFunction(() => document.querySelector('#rfa-doubt')?.textContent?.includes('No refund is in doubt'));
  await k.fill('#rfa-ref', ers);
  await till.shot('refund-6-admin-tab');
  await k.click('#rfa-find');
  await k.waitForSelector('#s-refund:not([hidden])');
  assert.is(await text(k, '#rf-amount'), '8.50 SEK', 'no second PIN: the admin session is open');
  await typeKeys(k, 'kp-refund', '⌫⌫⌫⌫9');
  await k.click('#rf-go');
  await k.click('#rf-confirm-yes');
  await k.waitForFunction(() => /more than the payment/.test(document.querySelector('#rf-err')?.textContent ?? ''));
  assert.is(await text(k, '#rf-err'), 'the refunds would add up to more than the payment; nothing was refunded: at most 8.50 SEK of 12.50 SEK can still be refunded');
  await till.shot('refund-7-excess-refused');
  await k.click('#rf-back');
  await k.waitForSelector('#s-admin:not([hidden])');
  await k.click('#admin-exit');
  await k.waitForSelector('#s-start:not([hidden])');
  assert.is((await till.daemon.printerEmulator!.documents).length, 2, 'nothing more printed');
});

t.run();
