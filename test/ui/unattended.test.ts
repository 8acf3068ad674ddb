// Unattended self-checkout: customer words, no question (the till cancels by itself after
// the configured windows), and the screen returns to the start a few seconds after a result.
// axe-core checks each customer screen (start, waiting, thank-you, cancelled, receipt lookup):
// no serious or critical WCAG 2 A/AA violation, contrast included.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axeProblems } from './a11y.js';
import { phoneOpens, startUiTill, typeKeys, type UiTill } from './harness.js';

const t = suite('kiosk screen: unattended self-checkout');
let till: UiTill;
/** axe findings of every screen the tests pass through, checked at the end of each test */
const problems: string[] = [];

t.before(async () => {
  till = await startUiTill({ demo: true, mode: 'unattended', windowMs: 1_500, autoCancelWindows: 2 });
  await till.kiosk.waitForSelector('#status-dot.ok', { timeout: 15_000 });
});
t.after(async () => {
  await till?.close();
});

t('customer texts, pay on the phone, thank-you screen, back to start by itself', async () => {
  const k = till.kiosk;
  assert.is(await k.textContent('#mode-tag'), 'Self-checkout');
  assert.not.ok(await k.isVisible('#f-paid'), 'no other-tender field for customers');
  await typeKeys(k, 'kp-start', '19.90');
  assert.is(await k.textContent('#glase-btn'), 'Pay with Glase');
  await till.shot('unattended-start');
  problems.push(...(await axeProblems(k, 'unattended-start')));
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForFunction(() => document.querySelector('#wait-title')?.textContent === 'Scan the Glase code with your phone', null, { timeout: 10_000 });
  await till.shot('unattended-waiting');
  problems.push(...(await axeProblems(k, 'unattended-waiting')));
  await phoneOpens(till, till.daemon.demo!.glaseId);
  await till.phone.click('#pay');
  await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
  assert.is(await k.textContent('#paid-title'), 'Thank you! Payment received');
  await k.waitForFunction(() => /Back to the start in \d s/.test(document.querySelector('#paid-return')?.textContent ?? ''), null, { timeout: 10_000 });
  await till.shot('unattended-paid');
  problems.push(...(await axeProblems(k, 'unattended-paid')));
  await k.waitForSelector('#s-start:not([hidden])', { timeout: 12_000 });
  assert.is(await k.textContent('#v-total'), '0', 'the next customer starts empty');
  assert.equal(problems.splice(0), []);
});

t('nobody pays: no question, the till cancels after the windows, back to start', async () => {
  const k = till.kiosk;
  await k.waitForSelector('#status-dot.ok', { timeout: 10_000 });
  await typeKeys(k, 'kp-start', '5');
  await k.click('#glase-btn');
  await k.click('#pay-btn');
  await k.waitForSelector('#s-wait:not([hidden])');
  // the question never shows in unattended mode; the payment ends by itself
  const sawQuestion = k.waitForSelector('#s-question:not([hidden])', { timeout: 8_000 }).then(() => true, () => false);
  await k.waitForSelector('#s-ended:not([hidden])', { timeout: 15_000 });
  assert.is(await k.textContent('#ended-title'), 'The payment was cancelled');
  await till.shot('unattended-cancelled');
  problems.push(...(await axeProblems(k, 'unattended-cancelled')));
  await k.waitForSelector('#s-start:not([hidden])', { timeout: 12_000 });
  assert.not.ok(await sawQuestion, 'no try-again question for a customer');
  assert.equal(problems.splice(0), []);
});

t('a scanned receipt: customer words, no cashier details, closes by itself or with Close', async () => {
  const k = till.kiosk;
  await k.waitForSelector('#s-start:not([hidden])', { timeout: 12_000 });
  await till.daemon.scannerEmulator!.scan('1234512345123451234512345');
  await k.waitForSelector('#lookup[data-found="no"]:not([hidden])', { timeout: 10_000 });
  assert.is(await k.textContent('#lk-missing'), 'This receipt is not from this till.');
  assert.match((await k.textContent('#lk-note')) ?? '', /Please ask a member of staff/);
  await till.shot('receipt-lookup-unattended');
  problems.push(...(await axeProblems(k, 'receipt-lookup-unattended')));
  await k.click('#lk-close');
  assert.ok(await k.isHidden('#lookup'));
  // the receipt of the first test's payment: amount and time, but no cashier or invoice id
  const [doc] = await till.daemon.printerEmulator!.waitForDocuments(1, 5_000);
  const ers = /\d{25}/.exec(doc.text)![0];
  await till.daemon.scannerEmulator!.scan(ers);
  await k.waitForSelector('#lookup[data-found="yes"]:not([hidden])', { timeout: 10_000 });
  problems.push(...(await axeProblems(k, 'receipt-found-unattended')));
  assert.is(await k.textContent('#lk-amount'), '19.90 SEK');
  assert.ok(await k.isVisible('#lk-time'));
  assert.ok(await k.isHidden('#lk-invoice'), 'no invoice id for customers');
  assert.ok(await k.isHidden('#lk-cashier'), 'no cashier for customers');
  assert.ok(await k.isHidden('#lk-refund'), 'no Refund button for customers');
  assert.ok(await k.isHidden('#lk-refundable'), 'no refund amounts for customers');
  await k.click('#lk-close');
  assert.equal(problems.splice(0), []);
});

t('sv: the customer screens in Swedish pass axe too (start, waiting, thank-you, receipt not found)', async () => {
  const sv = await startUiTill({ demo: true, mode: 'unattended', language: 'sv', windowMs: 1_500, autoCancelWindows: 2 });
  try {
    const k = sv.kiosk;
    await k.waitForSelector('#status-dot.ok', { timeout: 15_000 });
    assert.is(await k.getAttribute('html', 'lang'), 'sv');
    assert.is(await k.textContent('#mode-tag'), 'Självbetjäning');
    await typeKeys(k, 'kp-start', '5');
    assert.is(await k.textContent('#glase-btn'), 'Betala med Glase');
    problems.push(...(await axeProblems(k, 'unattended-start-sv')));
    await k.click('#glase-btn');
    await k.click('#pay-btn');
    await k.waitForFunction(() => document.querySelector('#wait-title')?.textContent === 'Skanna Glase-koden med telefonen', null, { timeout: 10_000 });
    problems.push(...(await axeProblems(k, 'unattended-waiting-sv')));
    await phoneOpens(sv, sv.daemon.demo!.glaseId);
    await sv.phone.click('#pay');
    await k.waitForSelector('#s-paid:not([hidden])', { timeout: 15_000 });
    assert.is(await k.textContent('#paid-title'), 'Tack! Betalningen är mottagen');
    await sv.shot('unattended-paid-sv');
    problems.push(...(await axeProblems(k, 'unattended-paid-sv')));
    await k.waitForSelector('#s-start:not([hidden])', { timeout: 12_000 });
    await sv.daemon.scannerEmulator!.scan('1234512345123451234512345');
    await k.waitForSelector('#lookup[data-found="no"]:not([hidden])', { timeout: 10_000 });
    assert.is(await k.textContent('#lk-missing'), 'Kvittot är inte från den här kassan.');
    problems.push(...(await axeProblems(k, 'receipt-lookup-unattended-sv')));
    assert.equal(problems.splice(0), []);
  } finally {
    await sv.close();
  }
});

t.run();
