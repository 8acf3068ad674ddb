// Day close (Z) on a simulated clock with a fake Glase: ready at once; REPORT_NOT_READY several
// times (growing waits, the try shown); never ready (bounded by the configured limit, resumed
// later with the same period); numbering; the Z in the print queue and receipts.jsonl.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTill, type Harness } from '../../fakes/till-harness.js';
import { LOGIN, PAID_REF, recordPayment } from '../../fakes/refund-harness.js';
import { TERMINAL, runClose, wireClose } from '../../fakes/day-close-harness.js';
import { isZPost } from '../../../src/store/transaction-post.js';
import { reprintZ } from '../../../src/till/index.js';

const t = suite('day close');
let h: Harness;
t.before.each(async () => {
  h = await makeTill({ till: { config: { dayClose: { reportAttempts: 4 } } } });
  recordPayment(h, 1250);
});
t.after.each(async () => {
  assert.equal(h.glase.unexpected, [], 'no Glase call the test did not set up');
  await h.close();
});

t('ready at once: one mark with TERMINALID, 006 and 007 of that period, Z 1 matched, printed and in receipts.jsonl', async () => {
  const w = wireClose(h, [[1250, PAID_REF, 'anna']]);
  const r = await runClose(h);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal([r.close.state, r.close.zNumber, r.close.needsAttention, r.close.periodId], ['closed', 1, false, w.periods[0]]);
  const [principal, params] = h.glase.callsOf('markTransactionPeriod')[0] as [{ type: string }, Record<string, string>];
  assert.equal([principal.type, params], ['RESELLERUSER', { TERMINALID: TERMINAL }]);
  const reports = h.glase.callsOf('executeReport').map((c) => [c[1], (c[3] as Record<string, string>).transactionPeriodId, (c[3] as Record<string, string>).TERMINALID]);
  assert.equal(reports, [['Reconciliation/STD_RECON_006.xml', w.periods[0], TERMINAL], ['Reconciliation/STD_RECON_007.xml', w.periods[0], TERMINAL]]);
  const z = r.z!.report;
  assert.equal([z.zNumber, z.verdict, z.till.payments, z.glase.payments, z.glaseSummary, z.differences], [1, 'matched', { count: 1, total: 1250 }, { count: 1, total: 1250 }, { count: 1, total: 1250 }, []]);
  assert.equal(z.cashiers, [{ cashierId: 'anna', count: 1, net: 1250 }]);
  const job = h.store.printQueue.byErsReference('Z-1')[0];
  assert.ok(job && isZPost(job.post) && !job.copy);
  const lines = readFileSync(join(h.dir, 'receipts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.filter((l) => l.kind === 'z-report').map((l) => [l.zNumber, l.periodId, l.verdict]), [[1, w.periods[0], 'matched']]);
  assert.ok(h.store.audit.list().some((a) => a.action === 'day-close' && a.detail?.includes('z=1')));
  // the back office's post of the close (issue 14's outbox), written with the Z
  const post = h.store.outbox.pending(50).find((o) => o.key === 'z:1');
  assert.ok(post && post.kind === 'z');
  assert.equal([JSON.parse(post!.body).zNumber, JSON.parse(post!.body).amount], [1, 1250]);
  // the reseller password is nowhere in the store
  assert.not.ok(JSON.stringify(h.store.dayCloses.journalOf(r.close.closeId)).includes(LOGIN.password));
  assert.not.ok(readFileSync(join(h.dir, 'glase-pos.sqlite')).includes(LOGIN.password));
});

t('a COPY of a Z: the admin path and the CLI path (report --print) queue it and audit it the same way, once each', async () => {
  wireClose(h, [[1250, PAID_REF, 'anna']]);
  assert.ok((await runClose(h)).ok);
  const screen = h.till.reprintZ(1, 'admin');
  const cli = reprintZ({ store: h.store, tillName: 'till-1', nowIso: () => new Date(h.clock.now()).toISOString() }, 1, 'cli');
  const jobs = h.store.printQueue.byErsReference('Z-1');
  assert.equal(jobs.map((j) => [j.id, j.copy]), [[jobs[0]!.id, false], [screen.id, true], [cli.id, true]]);
  assert.ok(jobs.every((j) => isZPost(j.post) && j.post.z.zNumber === 1));
  const rows = h.store.audit.list().filter((a) => a.action === 'z-reprint').map((a) => [a.actor, a.detail]);
  assert.equal(rows.sort(), [['admin', `z=1 job=${screen.id}`], ['cli', `z=1 job=${cli.id}`]]);
});

t('REPORT_NOT_READY three times: retried after growing waits, the try shown, then closed', async () => {
  wireClose(h, [[1250, PAID_REF, 'anna']], 3);
  const seen: string[] = [];
  h.till.subscribe((e) => {
    if (e.type === 'day-close' && e.close.state === 'backoff') seen.push(e.close.message);
  });
  const times: number[] = [];
  const orig = h.glase.executeReport;
  h.glase.executeReport = (...a) => {
    times.push(h.clock.now());
    return orig(...a);
  };
  const r = await runClose(h);
  assert.ok(r.ok && r.close.state === 'closed');
  const gaps = times.slice(1).map((x, i) => x - times[i]);
  // 3 s, 4.5 s, 6.75 s (the configured growth), then 007 at once
  assert.equal(gaps.slice(0, 4).map((g) => Math.round(g / 500) * 500), [3000, 4500, 7000, 0]);
  assert.equal([...new Set(seen)], ["Glase's report is not ready yet (try 1 of 4)", "Glase's report is not ready yet (try 2 of 4)", "Glase's report is not ready yet (try 3 of 4)"]);
});

t('never ready: stops after the configured tries, stays unfinished; the next close reads the same period (no second mark)', async () => {
  const w = wireClose(h, [[1250, PAID_REF, 'anna']], 4);
  const r = await runClose(h);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal([r.close.state, r.close.attemptLimit], ['notReady', 4]);
  assert.match(r.close.message, /not ready after 4 tries/);
  assert.is(h.glase.count('executeReport'), 4);
  assert.is(h.till.dayClose().unfinished?.periodId, w.periods[0]);
  assert.is(h.store.dayCloses.lastZ(), undefined, 'no Z number is taken by a close that did not finish');
  const again = await runClose(h);
  assert.ok(again.ok && again.close.state === 'closed' && again.close.resumed);
  assert.is(h.glase.count('markTransactionPeriod'), 1);
  assert.equal([again.ok && again.close.periodId, again.ok && again.close.zNumber], [w.periods[0], 1]);
});

t('Z numbers are consecutive; a second close reads only its own period and takes the later posts', async () => {
  const w = wireClose(h, [[1250, PAID_REF, 'anna']]);
  const one = await runClose(h);
  recordPayment(h, 300, '2026112912000000000000002');
  h.glase.on('markTransactionPeriod', () => {
    const id = '2026112912000000000000600';
    w.periods.push(id);
    w.rows.set(id, [[300, '2026112912000000000000002', 'anna']]);
    return { ok: true, code: 0, transactionPeriodId: id };
  });
  const two = await runClose(h);
  assert.ok(one.ok && two.ok);
  if (!one.ok || !two.ok) return;
  assert.equal([one.close.zNumber, two.close.zNumber], [1, 2]);
  const z2 = two.z!.report;
  assert.equal([z2.periods, z2.till.net, z2.verdict, z2.periodStart], [[w.periods[1]], 300, 'matched', one.z!.report.periodEnd]);
  assert.equal(h.store.dayCloses.zNumbers().get(PAID_REF), 1);
});

t('a refusal before anything is sent: a Glase code on the mark, and a payment running', async () => {
  h.glase.on('markTransactionPeriod', () => ({ ok: false, code: 20, name: 'INVALID_CREDENTIALS' }));
  const r = await runClose(h);
  assert.ok(r.ok && r.close.state === 'failed');
  assert.match(r.ok ? r.close.message : '', /code 20/);
  assert.is(h.till.dayClose().unfinished, undefined, 'nothing to resume: no period was closed');
});

t('an amount with more than the currency\'s decimals is an error naming the row; the close can be resumed', async () => {
  h.glase.on('markTransactionPeriod', () => ({ ok: true, code: 0, transactionPeriodId: '2026112911000000000000777' }));
  h.glase.on('executeReport', (_p: unknown, id: string) =>
    id.endsWith('006.xml')
      ? { ok: true, code: 0, report: { contentString: '<TerminalTransactionSummary><Row><SalesCount>1</SalesCount><SalesTotal>12.50000</SalesTotal></Row></TerminalTransactionSummary>' } }
      : { ok: true, code: 0, report: { contentString: `<TransactionDetails><Row><CashierId>NULL</CashierId><SalesAmount>12.50000</SalesAmount><ErsReference>${PAID_REF}</ErsReference></Row><Row><SalesAmount>1.00500</SalesAmount><ErsReference>2026112910000000000000009</ErsReference></Row></TransactionDetails>` } },
  );
  const r = await runClose(h);
  assert.ok(r.ok && r.close.state === 'failed');
  assert.match(r.ok ? r.close.message : '', /Row 2: SalesAmount/);
  assert.is(h.till.dayClose().unfinished?.periodId, '2026112911000000000000777');
});

t.run();
