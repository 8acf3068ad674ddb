// updateInvoice while the customer has not paid (issue 10 §2), through the till runtime:
// real SQLite, FakeGlase, simulated clock. Polling never stops while a change is under way.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, lost, ok, refused } from '../../fakes/fake-glase.js';
import { makeTill, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('till payment change (updateInvoice)');
let h: Harness;
t.before.each(async () => {
  h = await makeTill();
  wireInvoice(h);
});
t.after.each(async () => {
  assert.equal(h.glase.unexpected, [], 'no Glase call the test did not set up');
  await h.close();
});

async function startOpen(amount = 1250) {
  const r = h.till.startPayment({ amount, cashierId: 'anna' });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  await h.advance(2_000);
  assert.is(h.till.currentPayment()!.canChange, true);
  return r.paymentId;
}
const polls = () => h.glase.count('getPaymentStatus');
const changeRows = (h: Harness, id: string) => h.store.journal.forPayment(id).filter((e) => e.state.startsWith('change.'));

t('change while ISSUED: updateInvoice on the same invoiceReference, the view and the post carry the new amount', async () => {
  h.glase.on('updateInvoice', () => ok());
  const id = await startOpen();
  const rows = [
    { itemDescription: 'Coffee', itemQuantity: '1', itemTotalAmount: { minor: 1250, currency: 'SEK' } },
    { itemDescription: 'Loyalty discount', itemQuantity: '1', itemTotalAmount: { minor: -250, currency: 'SEK' } },
  ];
  const r = await h.till.changePayment(id, { amount: 1000, rows });
  assert.ok(r.ok, JSON.stringify(r));
  const [, ref, inv] = h.glase.callsOf('updateInvoice')[0] as [unknown, string, { totalAmount: { minor: number }; invoiceRows: unknown[]; clientInvoiceId: string }];
  assert.is(ref, '20261129100000001');
  assert.is(inv.totalAmount.minor, 1000);
  assert.equal(inv.invoiceRows, rows);
  assert.is(inv.clientInvoiceId, h.till.payment(id)!.clientInvoiceId);
  const v = h.till.currentPayment()!;
  assert.is(v.amount, 1000);
  assert.is(v.change?.state, 'applied');
  assert.is(v.change?.message, 'the amount was changed from 12.50 SEK to 10.00 SEK');
  assert.ok(h.events.some((e) => e.type === 'payment' && e.payment.amount === 1000), 'the waiting screen hears the new amount');
  // the journal records the change: sent, then applied
  assert.equal(changeRows(h, id).map((e) => e.state), ['change.updating', 'change.applied']);
  assert.is(changeRows(h, id)[0].message, 'changing the amount from 12.50 SEK to 10.00 SEK');
  const before = polls();
  await h.advance(3_000);
  assert.ok(polls() >= before + 2, 'polling goes on');
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.store.posts.all()[0].amount, 1000);
});

t('polling never stops while updateInvoice waits for its answer', async () => {
  let answer!: (v: unknown) => void;
  h.glase.on('updateInvoice', () => new Promise((r) => (answer = r)));
  const id = await startOpen();
  const pending = h.till.changePayment(id, { amount: 900 });
  await h.advance(0);
  assert.is(h.till.currentPayment()!.change?.state, 'updating');
  assert.is(h.till.currentPayment()!.canChange, false, 'one change at a time');
  const before = polls();
  await h.advance(4_000);
  assert.ok(polls() >= before + 3, `polls continued during the update (${polls() - before})`);
  answer(ok());
  const r = await pending;
  assert.ok(r.ok);
  assert.is(r.ok && r.payment.amount, 900);
});

t('refused while the customer is paying (48): the old amount stands and the cashier is told why', async () => {
  h.glase.on('updateInvoice', () => fail(48, 'PAYMENT_IN_PROGRESS'));
  const id = await startOpen();
  const r = await h.till.changePayment(id, { amount: 1000 });
  assert.not.ok(r.ok);
  assert.is(!r.ok && r.message, 'the customer is paying right now; the amount was not changed');
  const v = h.till.currentPayment()!;
  assert.is(v.amount, 1250);
  assert.is(v.change?.state, 'refused');
  assert.equal(changeRows(h, id).map((e) => e.state), ['change.updating', 'change.refused']);
  assert.is(changeRows(h, id)[1].resultCode, 48);
  const before = polls();
  await h.advance(2_000);
  assert.ok(polls() > before, 'polling goes on');
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.store.posts.all()[0].amount, 1250);
});

t('Glase refuses a change of a paid invoice (90): said in cashier words, the payment completes with its amount', async () => {
  h.glase.on('updateInvoice', () => fail(90, 'SYSTEM_ERROR'));
  const id = await startOpen();
  const r = await h.till.changePayment(id, { amount: 1000 });
  assert.is(!r.ok && r.message, 'Glase refused the change: the customer may have paid already; the amount was not changed');
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.store.posts.all()[0].amount, 1250);
  // once paid, no change is taken at all
  const late = await h.till.changePayment(id, { amount: 1000 });
  assert.is(!late.ok && late.rule, 'open');
  assert.is(h.glase.count('updateInvoice'), 1);
});

t('a change that surely did not reach Glase is refused as "not changed"', async () => {
  h.glase.on('updateInvoice', () => Promise.reject(refused('updateInvoice')));
  const id = await startOpen();
  const r = await h.till.changePayment(id, { amount: 1000 });
  assert.is(!r.ok && r.message, 'could not reach Glase: the amount was NOT changed, try again');
  assert.is(h.till.currentPayment()!.amount, 1250);
});

t('lost reply: unknown, polling goes on; a higher version while ISSUED settles it as applied', async () => {
  h.glase.on('updateInvoice', () => Promise.reject(lost('updateInvoice')));
  const id = await startOpen();
  const r = await h.till.changePayment(id, { amount: 1000 });
  assert.ok(r.ok);
  let v = h.till.currentPayment()!;
  assert.is(v.change?.state, 'unknown');
  assert.is(v.change?.amount, 1000);
  assert.is(v.amount, 1250, 'the amount for sure is still the old one');
  assert.match(v.change!.message, /did not answer/);
  const before = polls();
  await h.advance(3_000);
  assert.ok(polls() >= before + 2, 'polling goes on');
  assert.is(h.till.currentPayment()!.change?.state, 'unknown', 'the same version tells nothing');
  h.invoice.set('ISSUED'); // Glase's version moved: the change was applied
  await h.advance(1_000);
  v = h.till.currentPayment()!;
  assert.is(v.change?.state, 'applied');
  assert.is(v.amount, 1000);
  assert.equal(changeRows(h, id).map((e) => e.state), ['change.updating', 'change.unknown', 'change.applied']);
  assert.is(h.glase.count('updateInvoice'), 1, 'never resent by itself');
});

t('lost reply then PAID: the amount Glase reports as paid is recorded', async () => {
  h.glase.on('updateInvoice', () => Promise.reject(lost('updateInvoice')));
  const id = await startOpen();
  await h.till.changePayment(id, { amount: 1000 });
  h.glase.on('getPaymentStatus', () =>
    ok({ status: 'PAID', version: 1, ersReference: h.invoice.ersReference, receipt: { invoice: { totalAmount: { minor: 1000, currency: 'SEK' } } } }),
  );
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.store.posts.all()[0].amount, 1000);
  assert.is(h.till.payment(id)!.change?.message, 'the customer paid the changed amount 10.00 SEK');
});

t('lost reply then PAID at the old amount: the old amount is recorded', async () => {
  h.glase.on('updateInvoice', () => Promise.reject(lost('updateInvoice')));
  const id = await startOpen();
  await h.till.changePayment(id, { amount: 1000 });
  h.glase.on('getPaymentStatus', () =>
    ok({ status: 'PAID', version: 1, ersReference: h.invoice.ersReference, receipt: { invoice: { totalAmount: { minor: 1250, currency: 'SEK' } } } }),
  );
  await h.advance(1_000);
  assert.is(h.store.posts.all()[0].amount, 1250);
});

t('a lost change can be sent again (updateInvoice replaces the content, so it is safe)', async () => {
  h.glase.once('updateInvoice', () => Promise.reject(lost('updateInvoice')));
  h.glase.on('updateInvoice', () => ok());
  const id = await startOpen();
  await h.till.changePayment(id, { amount: 1000 });
  assert.is(h.till.currentPayment()!.canChange, true);
  const r = await h.till.changePayment(id, { amount: 1000 });
  assert.ok(r.ok && r.payment.change?.state === 'applied');
  assert.is(h.till.currentPayment()!.amount, 1000);
});

t('bad changes are refused before Glase is called: rows must sum to the amount, amounts whole and positive', async () => {
  const id = await startOpen();
  const r1 = await h.till.changePayment(id, { amount: 1000, rows: [{ itemQuantity: '1', itemTotalAmount: { minor: 900, currency: 'SEK' } }] });
  assert.is(!r1.ok && r1.rule, 'rows-sum');
  const r2 = await h.till.changePayment(id, { amount: 0 });
  assert.is(!r2.ok && r2.rule, 'amount-positive');
  const r3 = await h.till.changePayment(id, { amount: 10.5 });
  assert.is(!r3.ok && r3.rule, 'amount-integer');
  assert.is(h.glase.count('updateInvoice'), 0);
});

t('a change in doubt survives a restart: the resumed payment is still unknown and polls', async () => {
  h.glase.on('updateInvoice', () => Promise.reject(lost('updateInvoice')));
  const id = await startOpen();
  await h.till.changePayment(id, { amount: 1000 });
  await h.till.stop();
  const h2 = await makeTill({ dir: h.dir, glase: h.glase, clock: h.clock });
  try {
    h2.invoice.version = h.invoice.version;
    const v = h2.till.payment(id)!;
    assert.is(v.change?.state, 'unknown');
    assert.is(v.change?.amount, 1000);
    h.glase.on('getPaymentStatus', () => ok({ status: 'ISSUED', version: 5 }));
    await h2.advance(2_000);
    assert.is(h2.till.payment(id)!.amount, 1000);
  } finally {
    await h2.till.stop();
    h2.store.close();
  }
});

t.run();
