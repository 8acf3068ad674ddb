// Cashier edge cases: cancel pressed while the invoice is still being sent, unattended
// auto-cancel, answers that do not apply, events for the screen.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ok } from '../../fakes/fake-glase.js';
import { makeTill, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('till cashier edge cases');
let h: Harness;
t.after.each(async () => {
  assert.equal(h.glase.unexpected, []);
  await h.close();
});

t('cancel while sending: remembered, and the cancel goes out with the reference once it is known', async () => {
  h = await makeTill();
  let answer: (v: unknown) => void = () => {};
  h.glase.once('sendInvoice', () => new Promise((r) => (answer = r)));
  h.glase.on('getPaymentStatus', () => h.invoice.answer());
  h.glase.on('cancelInvoice', () => ok());
  const s = h.till.startPayment({ amount: 100 });
  const id = s.ok ? s.paymentId : '';
  await h.advance(100);
  assert.is(h.till.currentPayment()!.state, 'sending');
  assert.ok(h.till.cancel());
  assert.is(h.glase.count('cancelInvoice'), 0, 'no cancel without a reference');
  answer(ok({ invoiceReference: 'REF-S' }));
  await h.advance(100);
  assert.equal(h.glase.callsOf('cancelInvoice')[0][1], 'REF-S');
  assert.is(h.till.payment(id)!.outcome, 'cancelled');
});

t('unattended mode cancels by itself after the configured number of unanswered windows', async () => {
  h = await makeTill({ till: { config: { api: { mode: 'unattended' }, payment: { autoCancelWindows: 2 } } } });
  wireInvoice(h, 'REF-U');
  h.glase.on('cancelInvoice', () => ok());
  const s = h.till.startPayment({ amount: 100 });
  const id = s.ok ? s.paymentId : '';
  await h.advance(30_500);
  // nobody answers at an unattended kiosk: the till opens the second window itself
  assert.is(h.till.currentPayment()!.state, 'live.window', 'second window opened without an answer');
  assert.is(h.till.currentPayment()!.windows, 2);
  assert.is(h.glase.count('cancelInvoice'), 0, 'not cancelled after the first window');
  await h.advance(30_000);
  assert.is(h.till.payment(id)!.outcome, 'cancelled');
  assert.equal(h.glase.callsOf('cancelInvoice')[0][1], 'REF-U');
});

t('answers that do not apply are refused; the screen gets one event per change', async () => {
  h = await makeTill();
  wireInvoice(h);
  assert.not.ok(h.till.tryAgain(), 'nothing in flight');
  assert.not.ok(h.till.cancel());
  const s = h.till.startPayment({ amount: 100 });
  const id = s.ok ? s.paymentId : '';
  await h.advance(1_500);
  assert.not.ok(h.till.tryAgain(), 'no question yet');
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.not.ok(h.till.cancel(), 'paid: nothing to cancel');
  const states = h.events.filter((e) => e.type === 'payment' && e.payment.paymentId === id).map((e) => (e.type === 'payment' ? e.payment.state : ''));
  for (const st of ['sending', 'live.window', 'paid.recording', 'paid.printing', 'paid.submitting', 'completed']) assert.ok(states.includes(st), `event for ${st}`);
  // the journal holds each state change once, not each poll
  const journal = h.store.journal.forPayment(id).map((e) => e.state);
  assert.ok(journal.length < 12, `journal rows: ${journal.join(', ')}`);
});

t.run();
