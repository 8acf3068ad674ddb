// Reconciliation of a close: every kind of difference with its reason, the totals beside each
// other, and what belongs to this Z (a post booked after the mark waits for the next one).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { reconcileBooks, type BookedTxn } from '../../../src/reconcile/reconcile-books.js';

const t = suite('reconcile books');
const MARK = '2026-11-29T18:00:00.000Z';
const ref = (n: number) => `20261129100000000000000${String(n).padStart(2, '0')}`;
const post = (n: number, amount: number, cashierId?: string, timestamp = '2026-11-29T12:00:00.000Z'): BookedTxn => ({ ersReference: ref(n), amount, currency: 'SEK', timestamp, description: amount < 0 ? 'Glase refund' : 'Glase payment', ...(cashierId ? { cashierId } : {}) });
const row = (n: number, amount: number, cashierId?: string) => ({ ersReference: ref(n), amount, ...(cashierId ? { cashierId } : {}) });
const summary = (rows: Array<{ amount: number }>) => [{ salesCount: rows.length, salesTotal: rows.reduce((s, r) => s + r.amount, 0) }];

t('books that agree: matched, totals side by side, per cashier', () => {
  const rows = [row(1, 1250, 'anna'), row(2, 500, 'bo'), row(3, -200, 'anna')];
  const r = reconcileBooks({ reports: [{ periodId: 'p', summary: summary(rows), details: rows }], posts: [post(1, 1250, 'anna'), post(2, 500, 'bo'), post(3, -200, 'anna')], markedAt: MARK, currency: 'SEK', settledRefunds: [] });
  assert.equal(r.differences, []);
  assert.equal(r.till, { payments: { count: 2, total: 1750 }, refunds: { count: 1, total: -200 }, net: 1550 });
  assert.equal(r.glase, r.till);
  assert.equal(r.cashiers, [{ cashierId: 'anna', count: 2, net: 1050 }, { cashierId: 'bo', count: 1, net: 500 }]);
});

t('each kind of difference, with its reason', () => {
  const rows = [row(1, 1300, 'anna'), row(2, 500, 'carl'), row(4, 999), row(5, -400)];
  const r = reconcileBooks({
    reports: [{ periodId: 'p', summary: [{ salesCount: 4, salesTotal: 9999 }], details: rows }],
    posts: [post(1, 1250, 'anna'), post(2, 500, 'bo'), post(3, 700), post(5, -400), post(6, 100, undefined, '2026-11-29T18:00:01.000Z')],
    markedAt: MARK,
    currency: 'SEK',
    settledRefunds: [ref(5)],
  });
  const kinds = r.differences.map((d) => [d.kind, d.ersReference, d.attention]);
  assert.equal(kinds, [
    ['amount-differs', ref(1), true],
    ['cashier-differs', ref(2), true],
    ['missing-at-till', ref(4), true],
    ['refund-settled', ref(5), false],
    ['missing-at-glase', ref(3), true],
    ['summary-differs', undefined, true],
  ]);
  assert.match(r.differences[0].reason, /till booked 12\.50 SEK, Glase reports 13\.00 SEK/);
  assert.match(r.differences[1].reason, /cashier bo, Glase reports carl/);
  assert.match(r.differences[2].reason, /never recorded/);
  assert.match(r.differences[4].reason, /reversed it \(for example because it was not polled in time\)/);
  // the post booked after the mark is left for the next Z
  assert.not.ok(r.ersReferences.includes(ref(6)));
  assert.equal(r.ersReferences.sort(), [ref(1), ref(2), ref(3), ref(5)].sort());
});

t('a post booked just after the mark that Glase has in this period is taken now', () => {
  const rows = [row(7, 100)];
  const r = reconcileBooks({ reports: [{ periodId: 'p', summary: summary(rows), details: rows }], posts: [post(7, 100, undefined, '2026-11-29T18:00:02.000Z')], markedAt: MARK, currency: 'SEK', settledRefunds: [] });
  assert.equal([r.differences, r.ersReferences], [[], [ref(7)]]);
});

t('payments settled outside the till: one Glase took after all is named, one it never took is noted', () => {
  const rows = [row(8, 700)];
  const r = reconcileBooks({
    reports: [{ periodId: 'p', summary: summary(rows), details: rows }],
    posts: [],
    markedAt: MARK,
    currency: 'SEK',
    settledRefunds: [],
    settledOutside: [{ paymentId: 'aaaaaaaa-1', amount: 700, by: 'admin@kiosk', note: 'paid cash' }, { paymentId: 'bbbbbbbb-2', amount: 900, by: 'admin@kiosk', note: 'card' }],
  });
  assert.equal(r.differences.map((d) => [d.kind, d.paymentId, d.ersReference, d.attention]), [['settled-outside', 'aaaaaaaa-1', ref(8), true], ['settled-outside', 'bbbbbbbb-2', undefined, false]]);
  assert.match(r.differences[0].reason, /paid by Glase too/);
  assert.match(r.differences[1].reason, /Glase never took it/);
  assert.equal(r.settledOutside, ['aaaaaaaa-1', 'bbbbbbbb-2']);
});

t.run();
