// Issue 9 item 2: a paid payment could go unbooked. The ersReference from the server was not
// checked, and it is the key that makes recording idempotent: a second payment whose answer
// carried the same ersReference was shown completed with the FIRST payment's post and print
// job, and got no `recorded` row, no line in receipts.jsonl and no receipt of its own.
// Now: a reference that is not 25 digits is a protocol error (asked again, never booked), and
// a reference booked for another payment puts the payment in "paid, needs checking", journaled,
// with its own post kept apart (database and receipts.jsonl) and listed for checking.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import { createActor, toPromise } from 'xstate';
import type { PaymentPost } from '../../../machines/payment-types.js';
import { silentLogger } from '../../../src/lib/log.js';
import { paymentActors } from '../../../src/till/payment-actors.js';
import * as assert from 'uvu/assert';
import { ok } from '../../fakes/fake-glase.js';
import { makeTill, paymentStates, tempDir, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('ersReference from the server');
let h: Harness;
t.after.each(async () => {
  assert.equal(h.glase.unexpected, [], 'no Glase call the test did not set up');
  await h.close();
});

function start(amount: number) {
  const r = h.till.startPayment({ amount, cashierId: 'anna' });
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.paymentId;
}
const receiptLines = () => readFileSync(join(h.dir, 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/** pays the payment: the model goes PAID (with its one fixed ersReference), then back to a fresh invoice */
async function pay(id: string) {
  await h.advance(1_500);
  h.invoice.set('PAID');
  await h.advance(2_000);
  const v = h.till.payment(id)!;
  h.invoice.set('ISSUED');
  return v;
}

t('two payments answered with the same ersReference: the second is "paid, needs checking", kept apart, nothing dropped', async () => {
  h = await makeTill();
  wireInvoice(h);
  const first = start(1250);
  const a = await pay(first);
  assert.is(a.outcome, 'completed');
  const ref = a.ersReference!;

  const second = start(990);
  const b = await pay(second);
  assert.is(b.outcome, 'needsChecking', `the second payment is not silently completed: ${b.state} ${b.message}`);
  assert.match(b.message, /^paid, needs checking/);
  assert.is(b.printJobId, undefined, 'it does not carry the first payment\'s print job');
  assert.is(b.ersReference, ref);

  // the journal says so
  const states = paymentStates(h, second);
  assert.ok(states.includes('recorded-needs-checking'), states.join(' '));
  assert.is(states.at(-1), 'needsChecking');
  const row = h.store.journal.forPayment(second).find((e) => e.state === 'recorded-needs-checking')!;
  assert.match(row.message!, /9\.90 SEK.*already booked for GP/);

  // nothing dropped: the first post is untouched, the second is kept apart under its own id, in the file too
  const posts = h.store.posts.all();
  assert.is(posts.length, 1);
  assert.is(posts[0].amount, 1250);
  const kept = h.store.posts.conflicts();
  assert.equal(kept.map((k) => [k.paymentId, k.bookedPaymentId, k.post.amount]), [[second, first, 990]]);
  const lines = receiptLines();
  assert.is(lines.length, 2);
  assert.equal([lines[1].amount, lines[1].ersReference, typeof lines[1].needsChecking], [990, ref, 'string']);
  assert.is(lines[0].needsChecking, undefined);

  // no receipt printed or sent to Glase under the other payment's reference
  assert.is(h.store.printQueue.byErsReference(ref).length, 1);
  assert.is(h.glase.count('submitPaymentReceipt'), 1);

  // status lists it for checking
  assert.equal(h.till.paymentsToCheck().map((p) => [p.paymentId, p.amount, p.bookedPaymentId]), [[second, 990, first]]);
});

t('a conflict found again after a restart is not kept or journaled twice', async () => {
  const dir = tempDir();
  h = await makeTill({ dir });
  wireInvoice(h);
  await pay(start(1250));
  const second = start(990);
  await pay(second);
  assert.is(h.till.payment(second)!.outcome, 'needsChecking');
  // re-run the recording step of the finished payment, as a restart in paid.recording would
  await h.close();
  h = await makeTill({ dir });
  const actors = paymentActors({ store: h.store, glase: h.glase, log: silentLogger, nowIso: () => new Date().toISOString() });
  const { needsChecking: _flag, ...post } = h.store.posts.conflicts()[0].post as PaymentPost;
  const out = await toPromise(createActor(actors.recordPayment, { input: { paymentId: second, post } }).start());
  assert.ok(out.conflict, 'still a conflict');
  assert.is(h.store.posts.conflicts().length, 1);
  assert.is(h.store.journal.forPayment(second).filter((e) => e.state === 'recorded-needs-checking').length, 1);
  assert.is(receiptLines().length, 2);
});

for (const [what, bad] of [
  ['too short', '123'],
  ['26 digits', '2'.repeat(26)],
  ['letters', '2026112915300000000000ABC'],
  ['a control character', '20261129153000000000000\u00071'],
] as const) {
  t(`PAID with an ersReference that is ${what}: never booked; asked again until a valid one comes`, async () => {
    h = await makeTill();
    wireInvoice(h);
    const id = start(1250);
    await h.advance(1_500);
    h.glase.on('getPaymentStatus', () => ok({ status: 'PAID', version: 1, ersReference: bad }));
    await h.advance(3_000);
    const v = h.till.payment(id)!;
    assert.not.ok(v.final, 'neither completed nor failed: the customer may have paid');
    assert.match(v.notice ?? '', /payment reference is not valid \(must be exactly 25 digits/);
    assert.is(h.store.posts.all().length, 0, 'nothing booked under a bad key');
    assert.ok(h.store.journal.forPayment(id).some((e) => /not valid/.test(e.message ?? '')), 'the journal says so');
    assert.not.match(JSON.stringify(h.store.journal.forPayment(id)), /\u0007/, 'a control character never reaches the journal raw');
    // the server answers properly again: booked once, under the good reference
    h.glase.on('getPaymentStatus', () => h.invoice.answer());
    h.invoice.set('PAID');
    await h.advance(2_000);
    assert.is(h.till.payment(id)!.outcome, 'completed');
    assert.equal(h.store.posts.all().map((p) => p.ersReference), [h.invoice.ersReference]);
  });
}

t.run();
