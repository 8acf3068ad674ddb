// Scenario tests of a payment through the till runtime: real SQLite, FakeGlase, simulated clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, ok } from '../../fakes/fake-glase.js';
import { paymentStates, startFor, tillPerCase, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('till payment scenarios');
let h: Harness;
tillPerCase(t, (x) => (h = x));
const start = (amount = 1250) => startFor(h, amount);
const polls = () => h.glase.count('getPaymentStatus');

t('paid in the first window: recorded, queued for print, receipt submitted, completed', async () => {
  wireInvoice(h);
  const id = start();
  await h.advance(0);
  assert.is(h.glase.count('sendInvoice'), 1);
  const inv = h.glase.callsOf('sendInvoice')[0][1] as { clientInvoiceId: string; totalAmount: { minor: number }; invoiceRows: unknown[]; cashierId: string };
  assert.is(inv.totalAmount.minor, 1250);
  assert.is(inv.cashierId, 'anna');
  // the clientInvoiceId was journaled before sendInvoice ran
  const first = h.store.journal.forPayment(id)[0];
  assert.is(first.state, 'created');
  assert.is(first.clientInvoiceId, inv.clientInvoiceId);
  assert.is(first.message, 'payment of 12.50 SEK created', 'amounts in the journal are money, not minor units');
  await h.advance(5_000);
  const n = polls();
  assert.ok(n >= 5 && n <= 6, `about one poll a second, got ${n}`);
  h.invoice.set('PAID');
  await h.advance(1_000);
  const v = h.till.payment(id)!;
  assert.is(v.outcome, 'completed');
  assert.is(v.ersReference, h.invoice.ersReference);
  const posts = h.store.posts.all();
  assert.is(posts.length, 1);
  assert.is(posts[0].amount, 1250);
  assert.is(posts[0].description, 'Glase payment');
  assert.is(posts[0].cashierId, 'anna');
  assert.is(h.store.printQueue.byErsReference(h.invoice.ersReference).length, 1);
  assert.is(h.glase.count('submitPaymentReceipt'), 1);
  // the journal reads in the order things happened
  const paidRows = paymentStates(h, id).slice(paymentStates(h, id).indexOf('paid.recording'));
  assert.equal(paidRows, ['paid.recording', 'recorded', 'paid.printing', 'paid.submitting', 'completed']);
  assert.is(h.store.journal.forPayment(id).find((e) => e.state === 'recorded')?.message, 'transaction post written: 12.50 SEK');
  // polling stopped once paid
  const after = polls();
  await h.advance(3_000);
  assert.is(polls(), after);
});

t('each poll echoes the last version it saw', async () => {
  wireInvoice(h);
  start();
  await h.advance(2_000);
  h.invoice.set('PENDING_ISSUER_ACKNOWLEDGE');
  await h.advance(2_000);
  const versions = h.glase.callsOf('getPaymentStatus').map((a) => a[2]);
  assert.is(versions[0], 0);
  assert.is(versions.at(-1), 1);
});

t('after 30 s the question opens and polling continues every second; paid while it is open', async () => {
  wireInvoice(h);
  const id = start();
  await h.advance(30_100);
  assert.is(h.till.currentPayment()!.state, 'live.question');
  assert.ok(h.till.currentPayment()!.canTryAgain);
  const before = polls();
  await h.advance(10_000);
  assert.ok(polls() - before >= 9, 'still polling while the question is open');
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
});

t('try again opens a new 30-s window on the same invoiceReference; paid after try again', async () => {
  wireInvoice(h, 'REF-A');
  const id = start();
  await h.advance(30_100);
  assert.ok(h.till.tryAgain());
  assert.is(h.till.currentPayment()!.state, 'live.window');
  assert.is(h.till.currentPayment()!.windows, 2);
  await h.advance(29_000);
  assert.is(h.till.currentPayment()!.state, 'live.window', 'a full new window');
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.glase.count('sendInvoice'), 1, 'never resent');
  assert.ok(h.glase.callsOf('getPaymentStatus').every((a) => a[1] === 'REF-A'));
});

t('cancel: cancelInvoice names the payment\'s own reference; 0 → cancelled', async () => {
  wireInvoice(h, 'REF-C');
  h.glase.on('cancelInvoice', () => ok());
  const id = start();
  await h.advance(2_000);
  assert.ok(h.till.cancel());
  await h.advance(100);
  assert.equal(h.glase.callsOf('cancelInvoice')[0][1], 'REF-C');
  const v = h.till.payment(id)!;
  assert.is(v.outcome, 'cancelled');
  assert.is(h.store.posts.all().length, 0);
});

t('cancel answered 95 (already cancelled) is done', async () => {
  wireInvoice(h);
  h.glase.on('cancelInvoice', () => fail(95));
  const id = start();
  await h.advance(31_000);
  h.till.cancel();
  await h.advance(100);
  assert.is(h.till.payment(id)!.outcome, 'cancelled');
});

t('cancel raced by a payment (50) switches to the paid path', async () => {
  wireInvoice(h);
  h.glase.on('cancelInvoice', () => {
    h.invoice.set('PAID');
    return fail(50);
  });
  const id = start();
  await h.advance(30_500);
  h.till.cancel();
  await h.advance(10);
  assert.is(h.till.currentPayment()?.state, 'live.confirmingPaid');
  assert.match(h.till.currentPayment()!.message, /already paid/);
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.store.posts.all().length, 1);
});

t('cancel answered 51 keeps polling and tells the cashier the customer is paying', async () => {
  wireInvoice(h);
  h.glase.on('cancelInvoice', () => fail(51));
  const id = start();
  await h.advance(31_000);
  h.till.cancel();
  await h.advance(100);
  const v = h.till.currentPayment()!;
  assert.is(v.state, 'live.customerPaying');
  assert.match(v.message, /paying right now/);
  const before = polls();
  await h.advance(3_000);
  assert.ok(polls() - before >= 3);
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
});

t('declined: FAILED status ends the payment with the reason; CANCELED and EXPIRED → cancelled', async () => {
  wireInvoice(h);
  const id = start();
  await h.advance(2_000);
  h.invoice.set('FAILED');
  await h.advance(1_000);
  let v = h.till.payment(id)!;
  assert.is(v.outcome, 'failed');
  assert.match(v.message, /failed/);
  for (const st of ['CANCELED', 'EXPIRED'] as const) {
    h.invoice.set('ISSUED');
    const id2 = start();
    await h.advance(1_500);
    h.invoice.set(st);
    await h.advance(1_000);
    v = h.till.payment(id2)!;
    assert.is(v.outcome, 'cancelled', st);
    assert.is(v.reason, `status:${st}`);
  }
});

t('an unknown status string fails the payment with the raw status in the message', async () => {
  wireInvoice(h);
  const id = start();
  await h.advance(1_500);
  h.invoice.set('UNKNOWN', 'PARTIALLY_PAID');
  await h.advance(1_000);
  const v = h.till.payment(id)!;
  assert.is(v.outcome, 'failed');
  assert.match(v.message, /PARTIALLY_PAID/);
});

t('a refused submitPaymentReceipt does not undo completion; it is journaled', async () => {
  wireInvoice(h);
  h.glase.on('submitPaymentReceipt', () => fail(90));
  const id = start();
  await h.advance(1_500);
  h.invoice.set('PAID');
  await h.advance(1_000);
  const v = h.till.payment(id)!;
  assert.is(v.outcome, 'completed');
  assert.is(v.receiptSubmitted, false);
  assert.match(h.store.journal.forPayment(id).at(-1)!.message ?? '', /digital receipt/);
});

t('start rules: one payment in flight, amount > 0, rows sum, split tender', async () => {
  wireInvoice(h);
  let r = h.till.startPayment({ amount: 0 });
  assert.equal(r.ok ? '' : r.rule, 'amount-positive');
  r = h.till.startPayment({ amount: 1000, rows: [{ itemQuantity: '1', itemTotalAmount: { minor: 900, currency: 'SEK' } }] });
  assert.equal(r.ok ? '' : r.rule, 'rows-sum');
  r = h.till.startPayment({ amount: 1000, receiptTotal: 1500, alreadyPaid: 600 });
  assert.equal(r.ok ? '' : r.rule, 'split-tender');
  r = h.till.startPayment({
    amount: 900,
    receiptTotal: 1500,
    alreadyPaid: 600,
    rows: [
      { itemQuantity: '1', itemTotalAmount: { minor: 1500, currency: 'SEK' } },
      { itemDescription: 'cash', itemQuantity: '1', itemTotalAmount: { minor: -600, currency: 'SEK' } },
    ],
  });
  assert.ok(r.ok, 'split tender with a negative balancing row');
  const r2 = h.till.startPayment({ amount: 100 });
  assert.equal(r2.ok ? '' : r2.rule, 'one-payment');
});

t.run();
