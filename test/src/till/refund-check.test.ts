// The unknown-refund check on a simulated clock: a refund whose reply was lost is settled from
// Glase's terminal details report (found → booked; complete and absent → never happened, may
// be sent again, audited; REPORT_NOT_READY → retried with a growing wait, bounded, stays in doubt).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fail, lost, ok, refused } from '../../fakes/fake-glase.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';
import { LOGIN, PAID_REF, REFUND_REF, detailsXml, recordPayment, reportOf, wireReports } from '../../fakes/refund-harness.js';
import type { RefundCheckResult } from '../../../src/till/index.js';

const t = suite('unknown-refund check');
let h: Harness;
t.before.each(async () => {
  h = await makeTill();
  recordPayment(h, 1250);
  h.glase.on('submitPaymentReceipt', () => ok());
});
t.after.each(async () => {
  assert.equal(h.glase.unexpected, [], 'no Glase call the test did not set up');
  await h.close();
});

async function unknownRefund(amount: number): Promise<string> {
  h.glase.once('refundPayment', () => Promise.reject(lost('refundPayment')));
  const r = h.till.startRefund({ ersReference: PAID_REF, amount, reason: 'wrong size' }, { by: 'admin@kiosk' });
  if (!r.ok) throw new Error(r.message);
  await h.advance(100);
  assert.is(h.till.refund(r.refundId)!.state, 'unknown');
  // the lost reply made Glase look unreachable; the next idle probe finds it again
  await h.advance(15_000, 1_000);
  return r.refundId;
}

/** runs the check while the simulated clock moves on (its waits are on the till's clock) */
async function check(): Promise<RefundCheckResult> {
  const p = h.till.checkUnknownRefunds(LOGIN, 'admin@kiosk');
  let done: RefundCheckResult | undefined;
  void p.then((r) => (done = r));
  for (let i = 0; i < 200 && !done; i++) await h.advance(500);
  if (!done) throw new Error('the check did not finish');
  await h.advance(100);
  return done;
}

t('found in the report: booked with the report\'s reference, printed, submitted, marked recovered', async () => {
  const id = await unknownRefund(400);
  // the payment itself and an unrelated refund of another amount are in the same report
  wireReports(h, () => reportOf(detailsXml([['12.50000', PAID_REF], ['-1.00000', '2026112910200000000000011'], ['-4.00000', REFUND_REF]])));
  const r = await check();
  assert.equal([r.ok, r.complete, r.applied, r.notApplied, r.stillUnknown], [true, true, [{ refundId: id, refundErsReference: REFUND_REF }], [], []]);
  const v = await h.till.waitForRefund(id);
  assert.equal([v.outcome, v.refundErsReference, v.settledBy], ['completed', REFUND_REF, 'report']);
  const post = h.store.posts.byErsReference(REFUND_REF)!;
  assert.equal([post.amount, post.recovered], [-400, true]);
  assert.is(h.store.printQueue.byErsReference(REFUND_REF).length, 1);
  assert.is(h.glase.count('refundPayment'), 1, 'never sent again');
  // the mark used this till's TERMINALID parameter with the reseller principal; the report its period
  const [principal, params] = h.glase.callsOf('markTransactionPeriod')[0] as [{ type: string; password: string }, Record<string, string>];
  assert.equal([principal.type, params], ['RESELLERUSER', { TERMINALID: '87e791f9e24148a6892c52aa85bb0331' }]);
  const [, reportId, , rp] = h.glase.callsOf('executeReport')[0] as [unknown, string, string, Record<string, string>];
  assert.is(reportId, 'Reconciliation/STD_RECON_007.xml');
  assert.equal(rp, { transactionPeriodId: r.periods[0], TERMINALID: '87e791f9e24148a6892c52aa85bb0331' });
  assert.is(h.store.periods.recent()[0].purpose, 'refund-check');
  const audit = h.store.audit.list().find((a) => a.action === 'refund-check')!;
  assert.match(audit.detail!, new RegExp(`applied=${id}`));
  assert.not.match(JSON.stringify(h.store.audit.list()), /reseller-secret-pw/, 'the reseller password is never kept');
});

t('a negative row this till already booked is not taken for the unknown refund', async () => {
  h.glase.once('refundPayment', () => ok({ ersReference: REFUND_REF }));
  const booked = h.till.startRefund({ ersReference: PAID_REF, amount: 400 }, { by: 'cli' });
  assert.ok(booked.ok);
  await h.till.waitForRefund(booked.ok ? booked.refundId : '');
  const id = await unknownRefund(400);
  wireReports(h, () => reportOf(detailsXml([['-4.00000', REFUND_REF]])));
  const r = await check();
  assert.equal([r.complete, r.applied, r.notApplied], [true, [], [id]]);
  assert.is(h.till.refund(id)!.state, 'notApplied');
});

t('complete report without it: never happened; the admin may send it again once, audited', async () => {
  const id = await unknownRefund(400);
  assert.is(h.till.paymentRefunds(PAID_REF).refundable, 850);
  wireReports(h, () => reportOf(detailsXml([['12.50000', PAID_REF]])));
  const r = await check();
  assert.equal([r.complete, r.notApplied, r.applied], [true, [id], []]);
  const v = h.till.refund(id)!;
  assert.equal([v.state, v.canResend], ['notApplied', true]);
  assert.match(v.message, /never went through; nothing was refunded/);
  assert.is(h.till.paymentRefunds(PAID_REF).refundable, 1250, 'a refund that never happened no longer counts');

  h.glase.once('refundPayment', () => ok({ ersReference: REFUND_REF }));
  const again = h.till.resendRefund(id, 'admin@kiosk');
  assert.ok(again.ok, again.ok ? '' : again.message);
  const nv = await h.till.waitForRefund(again.ok ? again.refundId : '');
  assert.equal([nv.outcome, nv.resendOf, nv.amount, nv.reason], ['completed', id, 400, 'wrong size']);
  assert.is(h.till.refund(id)!.resentAs, nv.refundId);
  assert.is(h.till.refund(id)!.canResend, false);
  const twice = h.till.resendRefund(id, 'admin@kiosk');
  assert.is(twice.ok ? '' : twice.rule, 'resent');
  const audit = h.store.audit.list().find((a) => a.action === 'refund-resend')!;
  assert.is(audit.actor, 'admin@kiosk');
  assert.match(audit.detail!, new RegExp(`resendOf=${id}`));
  assert.is(h.glase.count('refundPayment'), 2);
});

t('REPORT_NOT_READY: retried with a growing wait, bounded; stays in doubt; no resend', async () => {
  const id = await unknownRefund(400);
  const at: number[] = [];
  wireReports(h, () => {
    at.push(h.clock.now());
    return fail(2, 'REPORT_NOT_READY');
  });
  const marked = h.clock.now();
  const r = await check();
  assert.equal([r.ok, r.complete, r.stillUnknown, r.notApplied], [true, false, [id], []]);
  assert.match(r.message, /not complete yet/);
  assert.is(at.length, 6, 'six tries, then it stops');
  const gaps = at.map((x, i) => x - (i === 0 ? marked : at[i - 1]));
  assert.ok(gaps[0] >= 3_000 && gaps[0] < 3_600, `first try after about 3 s (${gaps[0]})`);
  for (let i = 2; i < gaps.length; i++) assert.ok(gaps[i] >= gaps[i - 1], `the wait grows: ${gaps.join(', ')}`);
  assert.ok(gaps.at(-1)! <= 10_600, 'and is bounded');
  assert.is(h.till.refund(id)!.state, 'unknown');
  const resend = h.till.resendRefund(id, 'admin@kiosk');
  assert.is(resend.ok ? '' : resend.rule, 'settled-not-applied');

  // the next check reads the first period again (it covers the refund) as well as the new one
  wireReports(h, (n) => (n === 1 ? reportOf(detailsXml([['-4.00000', REFUND_REF]])) : reportOf(detailsXml([]))));
  const again = await check();
  assert.is(again.periods.length, 2);
  assert.equal(again.applied, [{ refundId: id, refundErsReference: REFUND_REF }]);
});

t('the report is ready after two tries: complete', async () => {
  const id = await unknownRefund(400);
  wireReports(h, (n) => (n < 3 ? fail(2, 'REPORT_NOT_READY') : reportOf(detailsXml([]))));
  const r = await check();
  assert.equal([r.complete, r.notApplied], [true, [id]]);
  assert.is(h.glase.count('executeReport'), 3);
});

t('wrong reseller login: the check says why, the refund stays in doubt', async () => {
  const id = await unknownRefund(400);
  h.glase.on('markTransactionPeriod', () => fail(20, 'AUTHENTICATION_FAILED'));
  const r = await check();
  assert.equal([r.ok, r.resultCode, r.stillUnknown], [false, 20, [id]]);
  assert.match(r.message, /refused to close the transaction period \(code 20/);
  assert.is(h.till.refund(id)!.state, 'unknown');
});

t('Glase unreachable during the check: stays in doubt', async () => {
  const id = await unknownRefund(400);
  h.glase.on('markTransactionPeriod', () => Promise.reject(refused('markTransactionPeriod')));
  const r = await check();
  assert.equal([r.ok, r.stillUnknown], [false, [id]]);
  assert.match(r.message, /cannot be reached/);
});

t('two unknown refunds of the same amount, one in the report: the older one is booked, the other never happened', async () => {
  const a = await unknownRefund(400);
  const b = await unknownRefund(400);
  wireReports(h, () => reportOf(detailsXml([['-4.00000', REFUND_REF]])));
  const r = await check();
  assert.equal([r.applied.map((x) => x.refundId), r.notApplied], [[a], [b]]);
});

t('nothing in doubt: no Glase call', async () => {
  const r = await h.till.checkUnknownRefunds(LOGIN, 'cli');
  assert.equal([r.ok, r.checked, r.message], [true, 0, 'no refund is in doubt']);
});

t('a refund left "sending" by a crash resumes as unknown; "created" only resumes as not sent; neither is sent', async () => {
  const id = await unknownRefund(400);
  // what a crash right after the journaled `sending` leaves behind
  const rec = h.store.refunds.get(id)!;
  const snap = rec.snapshot as { context: object };
  h.store.refunds.save(id, { state: 'sending', snapshot: { ...snap, value: 'sending' }, finished: false, at: rec.updatedAt });
  // and a refund journaled as created whose machine never ran
  h.store.refunds.create({ refundId: 'r-created', originalErsReference: PAID_REF, amount: 100, currency: 'SEK', at: rec.createdAt, snapshot: { status: 'created', input: { refundId: 'r-created', ersReference: PAID_REF, amount: 100, currency: 'SEK', by: 'cli', createdAt: rec.createdAt } } });
  await h.till.stop();
  const again = await makeTill({ dir: h.dir, clock: h.clock, glase: h.glase });
  try {
    await again.advance(100);
    assert.equal(again.till.refund(id)!.state, 'unknown');
    assert.equal(again.till.refund('r-created')!.state, 'notSent');
    assert.is(again.glase.count('refundPayment'), 1, 'nothing sent by the restart');
  } finally {
    await again.till.stop();
    again.store.close();
  }
});

t.run();
