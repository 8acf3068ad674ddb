// Reading reconciliation reports into typed rows: exact 5-decimal amounts → minor units,
// CashierId NULL, summaries, base64 content, and clear errors for anything else.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ReportFormatError, parseReport, reportXml } from '../../../src/reconcile/report-xml.js';
import { buildReport, REPORTS } from '../../../src/simulator/reports.js';

const t = suite('report-xml');
const meta = { resellerId: 'shop1', terminalId: 'T1', transactionPeriodId: '2026112911000000000000001', currency: 'SEK', now: Date.parse('2026-11-29T11:00:00Z') };
const txns = [
  { terminalId: 'T1', cashierId: 'anna', amountMinor: 1250, currency: 'SEK', ersReference: '2026112910000000000000001', at: 1 },
  { terminalId: 'T1', amountMinor: -400, currency: 'SEK', ersReference: '2026112910300000000000077', at: 2 },
  { terminalId: 'T1', amountMinor: 1, currency: 'SEK', ersReference: '2026112910300000000000078', at: 3 },
];

t('STD_RECON_007 as the simulator builds it: details with exact minor units, NULL cashier dropped, meta', () => {
  const r = parseReport(buildReport(REPORTS['Reconciliation/STD_RECON_007.xml'], meta, txns), 'SEK');
  assert.is(r.kind, 'TransactionDetails');
  assert.equal(r.meta, { resellerId: 'shop1', terminalId: 'T1', transactionPeriodId: meta.transactionPeriodId, generatedAt: '2026-11-29 11:00' });
  assert.equal(r.details, [
    { terminalId: 'T1', cashierId: 'anna', amount: 1250, ersReference: '2026112910000000000000001' },
    { terminalId: 'T1', amount: -400, ersReference: '2026112910300000000000077' },
    { terminalId: 'T1', amount: 1, ersReference: '2026112910300000000000078' },
  ]);
  assert.equal(r.summaries, []);
});

t('STD_RECON_006 summary and 004 per cashier', () => {
  const s = parseReport(buildReport(REPORTS['Reconciliation/STD_RECON_006.xml'], meta, txns), 'SEK');
  assert.equal(s.summaries, [{ salesCount: 3, salesTotal: 851 }]);
  const c = parseReport(buildReport(REPORTS['Reconciliation/STD_RECON_004.xml'], meta, txns), 'SEK');
  assert.equal(c.summaries, [{ cashierId: 'anna', salesCount: 1, salesTotal: 1250 }, { salesCount: 2, salesTotal: -399 }]);
});

t('a single Row is still a list; an empty report has none', () => {
  const one = parseReport(buildReport(REPORTS['Reconciliation/STD_RECON_007.xml'], meta, txns.slice(1, 2)), 'SEK');
  assert.is(one.details.length, 1);
  const none = parseReport(buildReport(REPORTS['Reconciliation/STD_RECON_007.xml'], meta, []), 'SEK');
  assert.equal(none.details, []);
});

t('zero-decimal currencies and the base64 content', () => {
  const xml = buildReport(REPORTS['Reconciliation/STD_RECON_007.xml'], { ...meta, currency: 'ISK' }, [{ ...txns[1], currency: 'ISK', amountMinor: -400 }]);
  assert.is(parseReport(reportXml({ content: Buffer.from(xml).toString('base64') }), 'ISK').details[0].amount, -400);
});

const row = (amount: string, ers = '2026112910300000000000077') =>
  `<TransactionDetails><Meta><ResellerId>s</ResellerId></Meta><Row><TerminalId>T1</TerminalId><CashierId>NULL</CashierId><SalesAmount>${amount}</SalesAmount><ErsReference>${ers}</ErsReference></Row></TransactionDetails>`;

t('amounts are exact: non-zero digits beyond the currency\'s decimals, floats and junk are refused', () => {
  assert.is(parseReport(row('-4.00000'), 'SEK').details[0].amount, -400);
  assert.is(parseReport(row('0.10000'), 'SEK').details[0].amount, 10);
  assert.is(parseReport(row('12345678.99000'), 'SEK').details[0].amount, 1234567899);
  for (const bad of ['-4.00100', '1e3', '4,00', ''])
    assert.throws(() => parseReport(row(bad), 'SEK'), (e: Error) => e instanceof ReportFormatError && /Row 1: SalesAmount/.test(e.message), bad);
});

t('bad reports name what is wrong', () => {
  assert.throws(() => parseReport('<TransactionDetails><Row>', 'SEK'), /not well-formed XML/);
  assert.throws(() => parseReport(row('1.00000', '123'), 'SEK'), /Row 1: ErsReference must be 25 digits/);
  assert.throws(() => reportXml({}), /neither contentString nor content/);
  assert.throws(() => parseReport('<TerminalTransactionSummary><Row><SalesCount>x</SalesCount></Row></TerminalTransactionSummary>', 'SEK'), /SalesCount must be a whole number/);
});

t.run();
