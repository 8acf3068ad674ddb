// Scenario tests of a refund through the till runtime: real SQLite, FakeGlase, simulated clock.
// Every refundPayment result code, the local rules, and the lost reply (unknown, never resent).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, lost, ok, refused } from '../../fakes/fake-glase.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';
import { PAID_REF, REFUND_REF, recordPayment } from '../../fakes/refund-harness.js';
import type { RefundPost } from '../../../src/store/transaction-post.js';

const t = suite('till refund scenarios');
let h: Harness;
t.before.each(async () => {
  h = await makeTill();
  recordPayment(h, 1250);
});
t.after.each(async () => {
  assert.equal(h.glase.unexpected, [], 'no Glase call the test did not set up');
  await h.close();
});

const states = (id: string) => h.store.refundJournal.forRefund(id).map((e) => e.state);
function start(amount: number, extra: { reason?: string; ersReference?: string; unrecordedAllowed?: boolean } = {}) {
  return h.till.startRefund({ ersReference: extra.ersReference ?? PAID_REF, amount, cashierId: 'anna', ...(extra.reason ? { reason: extra.reason } : {}) }, { by: 'admin@kiosk', unrecordedAllowed: extra.unrecordedAllowed });
}
function started(amount: number, extra: Parameters<typeof start>[1] = {}): string {
  const r = start(amount, extra);
  if (!r.ok) throw new Error(`refused: ${r.rule}: ${r.message}`);
  return r.refundId;
}
const receiptLines = () => readFileSync(join(h.dir, 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

t('refund 4.00 of 12.50: journaled first, sent once, booked, printed, receipt submitted, audited', async () => {
  h.glase.on('refundPayment', () => ok({ ersReference: REFUND_REF }));
  h.glase.on('submitPaymentReceipt', () => ok());
  const id = started(400, { reason: 'broken cup' });
  // the refund was journaled (created, sending) before refundPayment could run
  assert.equal(states(id).slice(0, 2), ['created', 'sending']);
  await h.advance(100);
  assert.is(h.glase.count('refundPayment'), 1);
  const [principal, ers, invoice] = h.glase.callsOf('refundPayment')[0] as [{ type: string }, string, { totalAmount: { minor: number; currency: string }; cashierId: string; title: string }];
  assert.is(principal.type, 'TERMINALID');
  assert.is(ers, PAID_REF, 'refunds name the original payment');
  assert.equal(invoice.totalAmount, { minor: 400, currency: 'SEK' }, 'totalAmount is this refund');
  assert.is(invoice.cashierId, 'anna');
  const v = await h.till.waitForRefund(id);
  assert.is(v.outcome, 'completed');
  assert.is(v.refundErsReference, REFUND_REF);
  assert.equal(states(id), ['created', 'sending', 'refunded.recording', 'recorded', 'refunded.printing', 'refunded.submitting', 'completed']);
  const post = h.store.posts.byErsReference(REFUND_REF) as RefundPost;
  assert.equal(
    { amount: post.amount, description: post.description, original: post.originalErsReference, cashier: post.cashierId, reason: post.reason, at: post.timestamp },
    { amount: -400, description: 'Glase refund', original: PAID_REF, cashier: 'anna', reason: 'broken cup', at: '2026-11-29T10:00:00.100Z' },
  );
  const lines = receiptLines();
  assert.equal(lines.map((l) => [l.ersReference, l.amount]), [[PAID_REF, 1250], [REFUND_REF, -400]], 'receipts.jsonl: payment and refund, once each');
  const jobs = h.store.printQueue.byErsReference(REFUND_REF);
  assert.is(jobs.length, 1);
  assert.is(jobs[0].post.description, 'Glase refund');
  const [, submitted, doc] = h.glase.callsOf('submitPaymentReceipt')[0] as [unknown, string, { receiptData: string }];
  assert.is(submitted, REFUND_REF, 'the receipt is submitted for the refund\'s own reference');
  assert.match(Buffer.from(doc.receiptData, 'base64').toString(), /Original payment: 2026112910000000000000001/);
  const audit = h.store.audit.list().find((a) => a.action === 'refund')!;
  assert.is(audit.actor, 'admin@kiosk');
  assert.match(audit.detail!, new RegExp(`original=${PAID_REF} amount=400 SEK reason="broken cup"`));
  const rest = h.till.paymentRefunds(PAID_REF);
  assert.equal([rest.paid, rest.refunded, rest.refundable], [1250, 400, 850]);
  assert.equal(h.events.filter((e) => e.type === 'refund').map((e) => (e.type === 'refund' ? e.refund.state : '')).at(-1), 'completed');
});

t('partial and repeated refunds up to the amount paid; one more cent is refused before Glase, in the words of 98', async () => {
  let n = 0;
  h.glase.on('refundPayment', () => ok({ ersReference: `20261129103000000000000${++n}0` }));
  h.glase.on('submitPaymentReceipt', () => ok());
  assert.is((await h.till.waitForRefund(started(400))).outcome, 'completed');
  assert.is((await h.till.waitForRefund(started(850))).outcome, 'completed');
  assert.is(h.till.paymentRefunds(PAID_REF).refundable, 0);
  const r = start(1);
  assert.equal(r.ok ? '' : r.rule, 'refundable');
  assert.match(r.ok ? '' : r.message, /^the refunds would add up to more than the payment; nothing was refunded: at most 0\.00 SEK of 12\.50 SEK can still be refunded$/);
  assert.is(h.glase.count('refundPayment'), 2, 'the excess never reached Glase');
  assert.match(h.store.audit.list()[0].action, /refund-refused/);
});

t('an excess on the first refund is refused locally', async () => {
  const r = start(1251);
  assert.is(r.ok, false);
  assert.match(r.ok ? '' : r.message, /more than the payment.*at most 12\.50 SEK/);
  assert.is(h.glase.count('refundPayment'), 0);
  assert.equal(h.store.refunds.recent(), [], 'nothing journaled for a refused refund');
});

const CODES: Array<[number, RegExp]> = [
  [23, /does not know this payment reference; nothing was refunded/],
  [48, /busy with a payment on this till; nothing was refunded/],
  [97, /not allowed for this shop; nothing was refunded/],
  [98, /would add up to more than the payment; nothing was refunded/],
  [99, /customer's bank does not accept Glase refunds; nothing was refunded, pay the customer back another way/],
  [11, /rejected the refund amount; nothing was refunded/],
  [90, /internal error; nothing was refunded, try again/],
  [94, /unavailable; nothing was refunded/],
];
for (const [code, words] of CODES) {
  t(`refundPayment answers ${code}: failed with a cashier sentence, nothing booked, the amount refundable again`, async () => {
    h.glase.once('refundPayment', () => fail(code));
    const id = started(400);
    const v = await h.till.waitForRefund(id);
    assert.equal([v.outcome, v.resultCode, v.failure], ['failed', code, `refundPayment:${code}`]);
    assert.match(v.message, words);
    assert.is(h.glase.count('refundPayment'), 1, 'never retried');
    assert.equal(states(id), ['created', 'sending', 'failed']);
    assert.is(h.store.posts.all().length, 1, 'only the payment');
    assert.is(h.till.paymentRefunds(PAID_REF).refundable, 1250);
  });
}

t('Glase unreachable before the request left (connection refused): failed, nothing refunded', async () => {
  h.glase.once('refundPayment', () => Promise.reject(refused('refundPayment')));
  const v = await h.till.waitForRefund(started(400));
  assert.equal([v.outcome, v.failure], ['failed', 'refundPayment:not-applied']);
  assert.match(v.message, /could not reach Glase; nothing was refunded/);
  assert.is(h.till.paymentRefunds(PAID_REF).refundable, 1250);
});

t('a lost reply is unknown: never retried, says so in cashier words, and holds the amount', async () => {
  h.glase.once('refundPayment', () => Promise.reject(lost('refundPayment')));
  const id = started(400);
  await h.advance(60_000, 1_000);
  const v = h.till.refund(id)!;
  assert.is(v.state, 'unknown');
  assert.is(v.final, false);
  assert.is(v.message, 'Glase did not answer. The refund may have gone through; do not pay the customer back another way.');
  assert.is(h.glase.count('refundPayment'), 1, 'a lost refund is never sent again by itself');
  assert.equal(states(id), ['created', 'sending', 'unknown']);
  assert.is(h.till.paymentRefunds(PAID_REF).refundable, 850, 'the refund in doubt counts');
  const more = start(851);
  assert.is(more.ok ? '' : more.rule, 'refundable');
  // an unknown refund does not block other refunds
  h.glase.once('refundPayment', () => ok({ ersReference: REFUND_REF }));
  h.glase.on('submitPaymentReceipt', () => ok());
  assert.is((await h.till.waitForRefund(started(850))).outcome, 'completed');
  const resend = h.till.resendRefund(id, 'admin@kiosk');
  assert.is(resend.ok ? '' : resend.rule, 'settled-not-applied', 'no resend while it is in doubt');
});

t('a success without the refund reference cannot be booked: unknown', async () => {
  h.glase.once('refundPayment', () => ok({}));
  const id = started(400);
  await h.advance(100);
  assert.is(h.till.refund(id)!.state, 'unknown');
});

t('rules: a refund reference, an unrecorded payment (unless typed by an admin), a payment in flight, offline, unregistered', async () => {
  h.glase.on('refundPayment', () => ok({ ersReference: REFUND_REF }));
  h.glase.on('submitPaymentReceipt', () => ok());
  await h.till.waitForRefund(started(100));
  const asRefund = start(100, { ersReference: REFUND_REF });
  assert.is(asRefund.ok ? '' : asRefund.rule, 'payment-reference');
  const other = '2026112900000000000000555';
  const scanned = start(100, { ersReference: other });
  assert.is(scanned.ok ? '' : scanned.rule, 'recorded-payment');
  assert.match(scanned.ok ? '' : scanned.message, /not taken on this till; an admin can refund it by typing its reference/);
  const bad = start(100, { ersReference: '12345', unrecordedAllowed: true });
  assert.is(bad.ok ? '' : bad.rule, 'ers-reference');
  const zero = start(0);
  assert.is(zero.ok ? '' : zero.rule, 'amount-positive');
  // typed by an admin: Glase decides (98 is its rule for payments this till does not know)
  h.glase.once('refundPayment', () => fail(98));
  const typed = started(100, { ersReference: other, unrecordedAllowed: true });
  assert.is((await h.till.waitForRefund(typed)).resultCode, 98);
  assert.match(h.store.audit.list().find((a) => a.action === 'refund' && a.detail?.includes(other))!.detail!, /recorded=no \(typed by an admin\)/);

  h.glase.on('sendInvoice', () => ok({ invoiceReference: '20261129100000009' }));
  h.glase.on('getPaymentStatus', () => h.invoice.answer());
  h.glase.on('cancelInvoice', () => ok());
  const p = h.till.startPayment({ amount: 500 });
  assert.ok(p.ok);
  const during = start(100);
  assert.is(during.ok ? '' : during.rule, 'no-payment');
  h.till.cancel();
  await h.advance(2_000);

  h.till.setPrinterStatus({ ready: true });
  h.glase.on('benchmarkingNop', () => Promise.reject(refused('benchmarkingNop')));
  h.glase.once('refundPayment', () => Promise.reject(refused('refundPayment')));
  await h.till.waitForRefund(started(100)); // the failed call tells the till Glase is gone
  const offline = start(100);
  assert.is(offline.ok ? '' : offline.rule, 'online');
});

t('a refund while one is being sent is refused (one at a time)', async () => {
  let answer: (v: unknown) => void = () => {};
  h.glase.once('refundPayment', () => new Promise((r) => (answer = r)));
  h.glase.on('submitPaymentReceipt', () => ok());
  const first = started(100);
  await h.advance(100);
  const second = start(100);
  assert.is(second.ok ? '' : second.rule, 'one-refund');
  answer(ok({ ersReference: REFUND_REF }));
  assert.is((await h.till.waitForRefund(first)).outcome, 'completed');
});

t('not registered: refused', async () => {
  h.store.credentials.clear();
  const r = start(100);
  assert.is(r.ok ? '' : r.rule, 'registered');
});

t.run();
