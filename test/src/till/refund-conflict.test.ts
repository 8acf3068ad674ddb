// A refund whose new ersReference is already booked for another post (issue 10 known gap): it
// never takes that post as its own; like a payment, it ends in needsChecking, its own post is
// kept apart (post_conflicts, receipts.jsonl with the reason), journaled, and no refund receipt
// is printed or sent under the other post's reference. The refund still counts against what
// may be refunded. Real SQLite, FakeGlase, simulated clock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ok } from '../../fakes/fake-glase.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';
import { PAID_REF, recordPayment } from '../../fakes/refund-harness.js';

const t = suite('refund: a new reference already booked');
let h: Harness;
t.after.each(async () => {
  assert.equal(h.glase.unexpected, []);
  await h.close();
});

const OTHER_REF = '2026112909000000000000555';

t('the new reference is booked for another payment: needsChecking, kept apart, nothing printed or sent under it', async () => {
  h = await makeTill();
  recordPayment(h, 1250);
  const other = recordPayment(h, 900, OTHER_REF); // another payment on this till
  h.glase.on('refundPayment', () => ok({ ersReference: OTHER_REF }));
  const r = h.till.startRefund({ ersReference: PAID_REF, amount: 400, cashierId: 'anna' }, { by: 'admin@kiosk' });
  assert.ok(r.ok);
  const id = r.ok ? r.refundId : '';
  await h.advance(100);
  const v = await h.till.waitForRefund(id);
  assert.is(v.outcome, 'needsChecking');
  assert.match(v.message, /^refunded, needs checking: Glase gave this refund a reference already booked on this till/);
  // the other payment's post is untouched and was not taken as the refund's
  assert.equal(h.store.posts.byErsReference(OTHER_REF), other);
  const kept = h.store.posts.conflicts().find((c) => c.paymentId === id);
  assert.ok(kept, 'the refund post is kept apart');
  assert.equal([kept!.post.amount, kept!.post.description, kept!.bookedPaymentId], [-400, 'Glase refund', 'pay-1']);
  const states = h.store.refundJournal.forRefund(id).map((e) => e.state);
  assert.ok(states.includes('recorded-needs-checking') && !states.includes('recorded') && states.at(-1) === 'needsChecking', states.join());
  const note = h.store.refundJournal.forRefund(id).find((e) => e.state === 'recorded-needs-checking')!;
  assert.match(note.message ?? '', /^refunded 4\.00 SEK, but its reference 2026112909000000000000555 is already booked/);
  assert.equal(h.store.printQueue.byErsReference(OTHER_REF).filter((j) => j.post.description === 'Glase refund'), [], 'no refund receipt under the other reference');
  assert.is(h.glase.count('submitPaymentReceipt'), 0, 'no digital receipt under the other reference');
  const lines = readFileSync(join(h.dir, 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const line = lines.find((l) => l.refundId === id);
  assert.ok(line?.needsChecking, 'receipts.jsonl has the refund, flagged');
  // it did pay out: it counts against what may still be refunded
  assert.is(h.till.paymentRefunds(PAID_REF).refunded, 400);
});

t('journal words show money, not minor units', async () => {
  h = await makeTill();
  recordPayment(h, 1250);
  h.glase.on('refundPayment', () => ok({ ersReference: '2026112910300000000000078' }));
  h.glase.on('submitPaymentReceipt', () => ok());
  const r = h.till.startRefund({ ersReference: PAID_REF, amount: 400 }, { by: 'admin@kiosk' });
  const id = r.ok ? r.refundId : '';
  await h.advance(100);
  await h.till.waitForRefund(id);
  const messages = h.store.refundJournal.forRefund(id).map((e) => e.message ?? '');
  assert.ok(messages.every((m) => !/minor units/.test(m)), messages.join(' | '));
  assert.ok(messages.some((m) => m === 'refund of 4.00 SEK created by admin@kiosk'), messages.join(' | '));
  assert.ok(messages.some((m) => m === 'refund post written: 4.00 SEK back'), messages.join(' | '));
});

t.run();
