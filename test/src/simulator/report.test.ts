import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { XMLParser } from 'fast-xml-parser';
import { call, ctl, invoiceXml, paid, reseller, setup, terminal } from './helpers.js';
import type { Simulator } from '../../../src/simulator/index.js';

const t = suite('simulator: markTransactionPeriod and executeReport');
let now = Date.parse('2026-03-01T08:00:00Z');
let sim: Simulator;
let term: ReturnType<typeof terminal>;
const G = 'REP1';
const xml = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'Row' });

const params = (entries: Record<string, string>) =>
  `<parameters><parameter>${Object.entries(entries).map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`).join('')}</parameter></parameters>`;
const mark = (entries: Record<string, string> = {}) => call(sim, 'markTransactionPeriod', reseller(), Object.keys(entries).length ? params(entries) : '');
const report = (reportId: string, entries: Record<string, string>) =>
  call(sim, 'executeReport', reseller(), `<reportId>${reportId}</reportId><language>en</language>${params(entries)}`);

t.before(async () => {
  ({ sim, term } = await setup({ now: () => now, reportDelayMs: 3000, reversalMs: 20_000 }, G));
});
t.after(async () => sim.close());

t('per-shop period: REPORT_NOT_READY for reportDelayMs, then Shop.xml/002/003/004 from the ledger', async () => {
  const p1 = await paid(sim, term, G, '100.00');
  now += 1000;
  const p2 = await paid(sim, term, G, '25.50');
  now += 1000;
  const rf = await call(sim, 'refundPayment', term, `<ersReference>${p1.ers}</ersReference>${invoiceXml({ total: '10.00' })}`);
  assert.is(rf.resultCode, '0');
  // A payment nobody acknowledged is reversed and leaves the report.
  await call(sim, 'sendInvoice', term, invoiceXml({ total: '7.00' }));
  await ctl(sim, 'POST', '/simulator/customer/pay', { glaseId: G });
  now += 1000;
  const m = await mark();
  assert.is(m.resultCode, '0');
  assert.match(m.transactionPeriodId, /^\d{25}$/);
  const id = m.transactionPeriodId;
  const early = await report('Reconciliation/Shop.xml', { transactionPeriodId: id });
  assert.is(early.resultCode, '2');
  assert.is(early.resultDescription, 'REPORT_NOT_READY');
  now += 25_000;

  const shop = await report('Reconciliation/Shop.xml', { transactionPeriodId: id });
  assert.is(shop.resultCode, '0');
  assert.is(shop.report.mimeType, 'text/html');
  assert.is(shop.report.title, '');
  assert.is(Buffer.from(shop.report.content, 'base64').toString('utf8'), shop.report.contentString);
  const s = xml.parse(shop.report.contentString).ResellerTransactionSummary;
  assert.is(s.Meta.ResellerId, 'shop1');
  assert.is(s.Meta.TransactionPeriodId, id);
  assert.match(s.Meta.GeneratedAt, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.equal(s.Row, [{ SalesCount: '3', SalesTotal: '115.50000' }]);

  const d = xml.parse((await report('Reconciliation/STD_RECON_003.xml', { transactionPeriodId: id })).report.contentString).TransactionDetails;
  assert.equal(
    d.Row.map((r: any) => [r.TerminalId, r.CashierId, r.SalesAmount, r.ErsReference]),
    [
      [term.id, 'anna', '100.00000', p1.ers],
      [term.id, 'anna', '25.50000', p2.ers],
      [term.id, 'anna', '-10.00000', rf.ersReference],
    ],
  );
  const r2 = await report('Reconciliation/STD_RECON_002.xml', { transactionPeriodId: id });
  assert.is(r2.report.title, `STD_RECON_002_${id}.xml`);
  assert.equal(xml.parse(r2.report.contentString).TerminalTransactionSummary.Row, [{ TerminalId: term.id, SalesCount: '3', SalesTotal: '115.50000' }]);
  const r4 = await report('Reconciliation/STD_RECON_004.xml', { transactionPeriodId: id });
  assert.equal(xml.parse(r4.report.contentString).CashierTransactionSummary.Row, [{ CashierId: 'anna', SalesCount: '3', SalesTotal: '115.50000' }]);
  // Terminal reports never become ready for a period marked without TERMINALID.
  assert.is((await report('Reconciliation/STD_RECON_006.xml', { transactionPeriodId: id })).resultCode, '2');
  assert.is((await report('Reconciliation/STD_RECON_007.xml', { transactionPeriodId: id })).resultCode, '2');
});

t('per-terminal period: 006 and 007 carry the TerminalId; the next period starts after the mark', async () => {
  const first = await mark({ TERMINALID: term.id });
  now += 5000;
  const p = await paid(sim, term, G, '12.00');
  now += 1000;
  const m = await mark({ TERMINALID: term.id });
  now += 3000;
  const r6 = await report('Reconciliation/STD_RECON_006.xml', { transactionPeriodId: m.transactionPeriodId, TERMINALID: term.id });
  assert.is(r6.resultCode, '0');
  const s = xml.parse(r6.report.contentString).TerminalTransactionSummary;
  assert.is(s.Meta.TerminalId, term.id);
  assert.equal(s.Row, [{ SalesCount: '1', SalesTotal: '12.00000' }]);
  const r7 = await report('Reconciliation/STD_RECON_007.xml', { transactionPeriodId: m.transactionPeriodId });
  const d = xml.parse(r7.report.contentString).TransactionDetails;
  assert.equal(d.Row, [{ TerminalId: term.id, CashierId: 'anna', SalesAmount: '12.00000', ErsReference: p.ers }]);
  // The first terminal period holds everything before it (shop marks are a separate scope).
  const before = await report('Reconciliation/STD_RECON_006.xml', { transactionPeriodId: first.transactionPeriodId });
  assert.equal(xml.parse(before.report.contentString).TerminalTransactionSummary.Row, [{ SalesCount: '3', SalesTotal: '115.50000' }]);
  const none = await mark({ TERMINALID: term.id });
  now += 3000;
  const empty = await report('Reconciliation/STD_RECON_006.xml', { transactionPeriodId: none.transactionPeriodId });
  assert.equal(xml.parse(empty.report.contentString).TerminalTransactionSummary.Row, [{ SalesCount: '0', SalesTotal: '0.00000' }]);
});

t('unknown reportId 91; unknown period 23; TERMINALID of no terminal of ours 10', async () => {
  const m = await mark();
  now += 3000;
  const r = await report('Reconciliation/STD_RECON_005.xml', { transactionPeriodId: m.transactionPeriodId });
  assert.is(r.resultCode, '91');
  // names every object has are not report ids either
  assert.is((await report('constructor', { transactionPeriodId: m.transactionPeriodId })).resultCode, '91');
  assert.is((await report('Reconciliation/Shop.xml', { transactionPeriodId: '1' })).resultCode, '23');
  assert.is((await mark({ TERMINALID: 'f'.repeat(32) })).resultCode, '10');
});

t.run();
