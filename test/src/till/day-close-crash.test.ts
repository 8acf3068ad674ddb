// A crash at each step of a day close (the till stopped where it stands, the store reopened by
// a new till): the next close resumes the same transaction period, never marks a second one
// by accident, takes exactly one Z number, and prints the Z once. A crash while the mark's
// reply is outstanding is the one case a new mark is needed: the Z says so (markLost).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTill, tempDir, type Harness } from '../../fakes/till-harness.js';
import { LOGIN, PAID_REF, recordPayment } from '../../fakes/refund-harness.js';
import { runClose, wireClose } from '../../fakes/day-close-harness.js';

const t = suite('day close crash');

async function crashAt(stopWhen: (h: Harness, state: string) => boolean, lostMark = false, crashInMark = false) {
  const dir = tempDir();
  const a = await makeTill({ dir });
  recordPayment(a, 1250);
  const w = wireClose(a, [[1250, PAID_REF, 'anna']], 1);
  if (lostMark) a.glase.once('markTransactionPeriod', () => new Promise(() => {}));
  let crashed = false;
  const crash = () => {
    if (crashed) return;
    crashed = true;
    void a.till.stop();
  };
  if (crashInMark) {
    a.glase.once('markTransactionPeriod', () => {
      const id = '2026112911000000000000999';
      w.periods.push(id);
      w.rows.set(id, [[1250, PAID_REF, 'anna']]);
      crash(); // the process dies as the answer arrives: the actor still stores the period it got
      return { ok: true, code: 0, transactionPeriodId: id };
    });
  }
  a.till.subscribe((e) => {
    if (e.type === 'day-close' && stopWhen(a, e.close.state)) crash();
  });
  void a.till.closeDay(LOGIN, 'admin@kiosk');
  for (let i = 0; i < 100 && !crashed; i++) {
    if (lostMark && a.glase.count('markTransactionPeriod') === 1) crash();
    await a.advance(500);
  }
  assert.ok(crashed, 'the close reached the step');
  a.store.close();
  // the next start of the till: a new process over the same data directory
  const b = await makeTill({ dir });
  const marksBefore = a.glase.count('markTransactionPeriod');
  wireClose(b, [], 0);
  // the new till's Glase knows the old periods' rows
  b.glase.on('executeReport', (...args: unknown[]) => (a.glase as any).executeReport(...args));
  const r = await runClose(b);
  const journal = r.ok ? b.store.dayCloses.journalOf(r.close.closeId) : [];
  await b.close();
  return { r, w, marksBefore, marksAfter: b.glase.count('markTransactionPeriod'), journal };
}

for (const step of ['waiting', 'reading', 'backoff', 'recording', 'printing']) {
  t(`crash while ${step}: the same period is read, one mark in all, Z 1 printed once`, async () => {
    const { r, w, marksBefore, marksAfter } = await crashAt((_h, s) => s === step);
    assert.ok(r.ok && r.close.state === 'closed', JSON.stringify(r));
    if (!r.ok) return;
    assert.equal([marksBefore, marksAfter], [1, 0], 'never a second mark');
    assert.equal([r.close.periodId, r.close.zNumber, r.close.resumed], [w.periods[0], 1, true]);
    assert.is(r.z!.report.verdict, 'matched');
  });
}

t('crash right after Glase answered the mark (before the machine saw it): the stored period is found, not marked again', async () => {
  const { r, w, marksBefore, marksAfter, journal } = await crashAt(() => false, false, true);
  assert.is(journal[0].state, 'marking', 'the old close was resumed, not a new one');
  assert.ok(r.ok && r.close.state === 'closed');
  assert.equal([marksBefore, marksAfter], [1, 0]);
  assert.is(r.ok && r.close.periodId, w.periods[0]);
});

t('crash while the mark\'s reply is outstanding: a new mark is needed, and the Z says a period may be unread', async () => {
  const { r, marksBefore, marksAfter } = await crashAt(() => false, true);
  assert.ok(r.ok && r.close.state === 'closed');
  assert.equal([marksBefore, marksAfter], [1, 1]);
  assert.is(r.ok && r.z!.report.markLost, true);
});

t('a Z is printed once and numbered once even when recorded twice', async () => {
  const h = await makeTill();
  recordPayment(h, 1250);
  wireClose(h, [[1250, PAID_REF, 'anna']]);
  const r = await runClose(h);
  assert.ok(r.ok);
  assert.is(h.store.printQueue.byErsReference('Z-1').filter((j) => !j.copy).length, 1);
  const z = h.store.dayCloses.addZ(() => { throw new Error('must not make a second Z'); }, r.ok ? r.close.closeId : '');
  assert.is(z.zNumber, 1);
  await h.close();
});

t.run();
