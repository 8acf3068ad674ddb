// Fault scenarios of a payment through the till runtime: server codes 90/93/94 on each call,
// connections dropped during send, poll and cancel, a slow server. Simulated clock, real SQLite.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, lost, refused } from '../../fakes/fake-glase.js';
import { paymentStates, startFor, tillPerCase, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('till payment faults');
let h: Harness;
tillPerCase(t, (x) => (h = x));
const start = (amount = 1250) => startFor(h, amount);
const polls = () => h.glase.count('getPaymentStatus');

for (const code of [90, 93, 94]) {
  t(`server code ${code}: on sendInvoice → failed, nothing created; on poll → keep polling; on cancel → question again`, async () => {
    h.glase.once('sendInvoice', () => fail(code));
    const id = start();
    await h.advance(100);
    const v = h.till.payment(id)!;
    assert.is(v.outcome, 'failed');
    assert.match(v.message, /no payment was created/);
    wireInvoice(h);
    const id2 = start();
    await h.advance(1_500);
    h.glase.once('getPaymentStatus', () => fail(code)).once('getPaymentStatus', () => fail(code));
    await h.advance(2_000);
    assert.ok(!h.till.payment(id2)!.final, 'still live after transient poll codes');
    assert.ok(h.till.payment(id2)!.notice, 'the cashier sees a notice');
    h.glase.once('cancelInvoice', () => fail(code));
    await h.advance(30_000);
    h.till.cancel();
    await h.advance(100);
    assert.is(h.till.currentPayment()!.state, 'live.question');
    assert.match(h.till.currentPayment()!.message, /NOT cancelled/);
    h.invoice.set('PAID');
    await h.advance(1_000);
    assert.is(h.till.payment(id2)!.outcome, 'completed');
  });
}

t('connection dropped during send (outcome unknown): orphan, journaled, next payment needs confirmation', async () => {
  h.glase.once('sendInvoice', () => Promise.reject(lost('sendInvoice')));
  const id = start();
  await h.advance(100);
  const v = h.till.payment(id)!;
  assert.is(v.outcome, 'orphaned');
  assert.match(v.message, /lost/);
  assert.is(h.glase.count('sendInvoice'), 1, 'never resent');
  assert.is(h.glase.count('cancelInvoice'), 0, 'never cancelled blindly');
  assert.ok(h.till.orphan());
  const r = h.till.startPayment({ amount: 100 });
  assert.is(r.ok, false);
  if (!r.ok) assert.is(r.rule, 'orphan-confirmed');
  assert.ok(h.till.confirmOrphan('anna'));
  wireInvoice(h);
  // the lost reply also marked Glase unreachable until the next probe answers
  assert.ok(h.till.readiness().reasons.some((x) => x.code === 'server-unreachable'));
  await h.advance(15_000);
  assert.ok(h.till.startPayment({ amount: 100 }).ok);
  assert.ok(h.store.audit.list().some((a) => a.action === 'confirm-orphan'));
});

t('connection refused on send (not applied): failed with a clear message, no orphan', async () => {
  h.glase.once('sendInvoice', () => Promise.reject(refused('sendInvoice')));
  const id = start();
  await h.advance(100);
  assert.is(h.till.payment(id)!.outcome, 'failed');
  assert.is(h.till.orphan(), undefined);
});

t('connection dropped during poll: explicit unknown state that keeps asking, then paid', async () => {
  wireInvoice(h);
  const id = start();
  await h.advance(1_500);
  h.glase.once('getPaymentStatus', () => Promise.reject(lost('getPaymentStatus'))).once('getPaymentStatus', () => Promise.reject(lost('getPaymentStatus')));
  await h.advance(1_000);
  assert.match(h.till.currentPayment()!.state, /\/unknown$/);
  assert.ok(paymentStates(h, id).some((s) => s.endsWith('/unknown')), 'journaled');
  h.invoice.set('PAID');
  await h.advance(2_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.glase.count('sendInvoice'), 1);
  assert.is(h.glase.count('cancelInvoice'), 0);
});

t('connection dropped during cancel: polling decides; still open → the question again', async () => {
  wireInvoice(h);
  h.glase.once('cancelInvoice', () => Promise.reject(lost('cancelInvoice')));
  const id = start();
  await h.advance(31_000);
  h.till.cancel();
  await h.advance(50);
  assert.is(h.till.currentPayment()!.state, 'live.cancelUnknown');
  await h.advance(1_000);
  assert.is(h.till.currentPayment()!.state, 'live.question');
  assert.match(h.till.currentPayment()!.message, /not cancelled/);
  assert.is(h.glase.count('cancelInvoice'), 1, 'no blind second cancel');
  h.glase.once('cancelInvoice', () => Promise.reject(lost('cancelInvoice')));
  h.till.cancel();
  await h.advance(50);
  h.invoice.set('CANCELED');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'cancelled');
});

t('slow server: a poll slower than the interval is not stacked; the payment still completes', async () => {
  wireInvoice(h);
  let inFlight = 0;
  let maxInFlight = 0;
  h.glase.on('getPaymentStatus', () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise((resolve) => h.clock.setTimeout(() => { inFlight--; resolve(h.invoice.answer()); }, 2_500));
  });
  const id = start();
  await h.advance(10_000);
  assert.is(maxInFlight, 1);
  const n = polls();
  assert.ok(n >= 2 && n <= 4, `slow polls: ${n}`);
  h.invoice.set('PAID');
  await h.advance(5_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
});

t('PAID without any reference is not recorded blindly: polling goes on until the reference comes', async () => {
  wireInvoice(h);
  const id = start();
  await h.advance(1_500);
  h.glase.once('getPaymentStatus', () => ({ ok: true, code: 0, status: 'PAID', version: 3 }));
  await h.advance(1_000);
  assert.not.ok(h.till.payment(id)!.final);
  assert.match(h.till.payment(id)!.notice ?? '', /no payment reference/);
  assert.is(h.store.posts.all().length, 0);
  h.invoice.set('PAID');
  await h.advance(1_000);
  assert.is(h.till.payment(id)!.outcome, 'completed');
  assert.is(h.store.posts.all().length, 1);
});

t.run();
