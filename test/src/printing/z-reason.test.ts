// A day close's differences keep their reason as a code with parameters, so the Z report says
// it in the shop's language (here decoded back from the ESC/POS bytes, sv and en); a reason
// stored before codes existed (English text only) still prints as it was written.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js';
import { catalogue, paperText, translator } from '../../../src/i18n/i18n.js';
import { zReason } from '../../../src/i18n/z-reason.js';
import { currencyExponent } from '../../../src/lib/money.js';
import { receiptBytes } from '../../../src/printing/index.js';
import { reconcileBooks, type BookedTxn } from '../../../src/reconcile/reconcile-books.js';
import type { Difference, ZReport } from '../../../machines/z-report-types.js';
import { layout48 } from '../../fixtures/receipts/sample.js';

const t = suite('Z difference reasons in the shop language');
const MARK = '2026-11-29T18:00:00.000Z';
const ref = (n: number) => `20261129100000000000000${String(n).padStart(2, '0')}`;
const post = (n: number, amount: number, cashierId?: string): BookedTxn => ({ ersReference: ref(n), amount, currency: 'SEK', timestamp: '2026-11-29T12:00:00.000Z', description: 'Glase payment', ...(cashierId ? { cashierId } : {}) });
const row = (n: number, amount: number, cashierId?: string) => ({ ersReference: ref(n), amount, ...(cashierId ? { cashierId } : {}) });
const sv = translator('sv', { decimals: currencyExponent });
const en = translator('en', { decimals: currencyExponent });

/** every code the close writes: each kind, both signs, a lost mark, both settled-outside cases */
function allDifferences(): Difference[] {
  const a = reconcileBooks({
    reports: [{ periodId: 'p', summary: [{ salesCount: 9, salesTotal: 9999 }], details: [row(1, 130000, 'anna'), row(2, 500, 'carl'), row(4, 999), row(5, -400), row(7, -300), row(8, 2000)] }],
    posts: [post(1, 125000, 'anna'), post(2, 500), post(3, 700), post(5, -400), post(9, -100)],
    markedAt: MARK, currency: 'SEK', settledRefunds: [ref(5)],
    settledOutside: [{ paymentId: 'aaaaaaaa-1111', amount: 2000, by: 'admin', note: 'kontant' }, { paymentId: 'bbbbbbbb-2222', amount: 4200, by: 'admin', note: 'kort' }],
  }).differences;
  const lost = reconcileBooks({ reports: [{ periodId: 'p', summary: [], details: [] }], posts: [post(3, 700), post(9, -100)], markedAt: MARK, currency: 'SEK', settledRefunds: [], markLost: true }).differences;
  return [...a, ...lost];
}

t('every difference has a code in both catalogues, and its English text is the stored reason', () => {
  const diffs = allDifferences();
  const codes = new Set(diffs.map((d) => d.reasonCode));
  const all = Object.keys(catalogue('en')).filter((k) => k.startsWith('z.reason.')).map((k) => k.slice('z.reason.'.length));
  assert.equal([...codes].sort(), all.sort(), 'the close writes every z.reason.* code');
  for (const d of diffs) {
    assert.ok(sv.has(`z.reason.${d.reasonCode}`), d.reasonCode);
    assert.is(zReason(en, d, 'SEK'), d.reason);
    assert.not.match(zReason(sv, d, 'SEK'), /\{\w+\}/, `${d.reasonCode}: a parameter was left unfilled`);
  }
});

t('Swedish words and Swedish money: 1 250,00 kr, the cashier "none" said in Swedish', () => {
  const diffs = allDifferences();
  const amount = diffs.find((d) => d.kind === 'amount-differs')!;
  assert.is(paperText(zReason(sv, amount, 'SEK')), 'kassan bokförde 1 250,00 kr, Glase rapporterar 1 300,00 kr');
  assert.is(amount.reasonParams!.tillAmount, 125000, 'stored as integer minor units');
  const cashier = diffs.find((d) => d.kind === 'cashier-differs')!;
  assert.is(zReason(sv, cashier, 'SEK'), 'kassan bokförde kassör ingen, Glase rapporterar carl');
  assert.is(cashier.reason, 'the till booked cashier none, Glase reports carl');
});

const zReport = (differences: Difference[]): ZReport => ({
  zNumber: 7, closeId: 'c', terminalId: 'T1', periodId: 'P7', periods: ['P7'], periodEnd: MARK, closedAt: MARK, closedBy: 'admin', currency: 'SEK',
  till: { payments: { count: 0, total: 0 }, refunds: { count: 0, total: 0 }, net: 0 }, glase: { payments: { count: 0, total: 0 }, refunds: { count: 0, total: 0 }, net: 0 },
  glaseSummary: { count: 0, total: 0 }, cashiers: [], verdict: 'needs-attention', differences, ersReferences: [],
});
const squash = (s: string) => s.replace(/\s+/g, '');
const printed = (z: ZReport, language: 'sv' | 'en') =>
  decodeEscPos(receiptBytes({ ersReference: 'Z-7', description: 'Glase Z report', z }, { ...layout48, language }, { copy: false }))
    .flatMap((e) => (e.type === 'line' ? [e.text] : []))
    .join('')
    .replace(/\s+/g, ''); // the printer wraps a long reason at the column, between words or not

t('the printed Z says each reason in the shop language; en prints the English text', () => {
  const d = allDifferences().find((x) => x.kind === 'missing-at-till' && (x.glaseAmount ?? 0) > 0)!;
  const svText = printed(zReport([d]), 'sv');
  assert.ok(svText.includes(squash('Glase bokförde en betalning på 9,99 kr som kassan aldrig registrerade')), svText);
  assert.not.ok(svText.includes('neverrecorded'));
  assert.ok(printed(zReport([d]), 'en').includes(squash('Glase booked a payment of 9.99 SEK that the till never recorded')));
});

t('a reason stored before codes (English only) prints as stored, in either language', () => {
  const old: Difference = { kind: 'amount-differs', ersReference: ref(1), tillAmount: 1250, glaseAmount: 1300, reason: 'the till booked 12.50 SEK, Glase reports 13.00 SEK', attention: true };
  assert.is(zReason(sv, old, 'SEK'), old.reason);
  assert.ok(printed(zReport([old]), 'sv').includes(squash(old.reason)));
  // an unknown code (a newer till's) falls back to the stored text too
  assert.is(zReason(sv, { ...old, reasonCode: 'from-the-future', reasonParams: {} }, 'SEK'), old.reason);
});

t.run();
