// Stuck payments (issue 10 §3): a payment stuck in `unknown` because Glase is unreachable is
// closed by the admin only after a live getPaymentStatus: when Glase answers, the payment goes
// on from its answer (never a blind "mark done"); when it stays unreachable, the payment ends
// as "settled outside the till", audited and flagged for the day close. Simulated clock.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lost, ok, refused } from '../../fakes/fake-glase.js';
import { flush, makeTill, paymentStates, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('stuck payments: settle outside the till');
let h: Harness;
t.after.each(async () => {
  assert.equal(h.glase.unexpected, []);
  await h.close();
});

async function stuckPayment(): Promise<string> {
  wireInvoice(h, 'REF-STUCK');
  const s = h.till.startPayment({ amount: 4200 });
  assert.ok(s.ok);
  await h.advance(100);
  h.glase.on('getPaymentStatus', () => Promise.reject(lost('getPaymentStatus')));
  await h.advance(3_000);
  const p = h.till.currentPayment()!;
  assert.match(p.state, /\/unknown$/, 'stuck: the last status query got no answer');
  return s.ok ? s.paymentId : '';
}

/** runs an async till call while the simulated clock stands still (the live check answers at once) */
async function settle(id: string, note = 'customer paid cash') {
  const r = h.till.settleOutside(id, 'admin', note);
  await flush();
  return r;
}

t('Glase stays unreachable: a live check first, then settled outside the till, audited, flagged', async () => {
  h = await makeTill();
  const id = await stuckPayment();
  const asked = h.glase.count('getPaymentStatus');
  h.glase.on('getPaymentStatus', () => Promise.reject(refused('getPaymentStatus')));
  const r = await settle(id);
  assert.ok(r.ok, JSON.stringify(r));
  assert.is(h.glase.count('getPaymentStatus'), asked + 1, 'one live getPaymentStatus before closing it');
  const p = h.till.payment(id)!;
  assert.equal([p.final, p.outcome, p.reason], [true, 'settledOutside', 'settled-outside']);
  assert.match(p.message, /^settled outside the till: Glase could not be reached/);
  assert.is(h.till.currentPayment(), undefined, 'the till is free for the next payment');
  assert.ok(paymentStates(h, id).includes('settledOutside'), 'journaled');
  assert.is(h.store.payments.get(id)!.state, 'settledOutside', 'the day close flag: payments.state');
  const flagged = h.till.paymentsSettledOutside();
  assert.equal(flagged.map((f) => [f.paymentId, f.amount, f.by, f.note, f.invoiceReference]), [[id, 4200, 'admin', 'customer paid cash', 'REF-STUCK']]);
  const audit = h.store.audit.list(5).find((e) => e.action === 'settle-outside');
  assert.ok(audit, 'audited');
  assert.match(audit!.detail!, new RegExp(`paymentId=${id} clientInvoiceId=GP\\d+-\\d+-[0-9a-f]+ amount=42\\.00 SEK note=customer paid cash`));
  // nothing polls a closed payment
  const after = h.glase.count('getPaymentStatus');
  await h.advance(5_000);
  assert.is(h.glase.count('getPaymentStatus'), after);
});

t('Glase answers the live check: not settled; the payment goes on from the answer (PAID is booked)', async () => {
  h = await makeTill();
  const id = await stuckPayment();
  h.invoice.set('PAID');
  h.glase.on('getPaymentStatus', () => h.invoice.answer());
  const r = await settle(id);
  assert.not.ok(r.ok);
  assert.is(r.ok ? '' : r.rule, 'glase-answered');
  assert.match(r.ok ? '' : r.message, /^Glase answered, so the payment is not settled outside the till/);
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed', 'booked from Glase\'s own answer');
  assert.equal(h.till.paymentsSettledOutside(), []);
  assert.ok(h.store.audit.list(5).some((e) => e.action === 'settle-outside-refused'), 'a refused try is audited too');
});

t('Glase answers "still open": not settled, the payment keeps waiting for the customer', async () => {
  h = await makeTill();
  const id = await stuckPayment();
  h.glase.on('getPaymentStatus', () => h.invoice.answer());
  const r = await settle(id);
  assert.is(r.ok ? '' : r.rule, 'glase-answered');
  const p = h.till.payment(id)!;
  assert.equal([p.final, p.state.startsWith('live.'), p.state.endsWith('/unknown')], [false, true, false]);
  h.glase.on('cancelInvoice', () => ok());
  assert.ok(h.till.cancel(), 'the cashier can cancel it the normal way');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'cancelled');
});

t('an ended payment is not settled', async () => {
  h = await makeTill();
  wireInvoice(h, 'REF-END');
  h.glase.on('cancelInvoice', () => ok());
  const s = h.till.startPayment({ amount: 100 });
  await h.advance(100);
  h.till.cancel();
  await h.advance(1_000);
  const id = s.ok ? s.paymentId : '';
  const r = await settle(id);
  assert.is(r.ok ? '' : r.rule, 'open');
});

t.run();
