// Refund test helpers: a payment the till recorded (a post in the store, as a completed
// payment leaves it), Glase's terminal details report as XML, and refund helpers.
import type { Harness } from './till-harness.js';
import { ok } from './fake-glase.js';
import type { TransactionPost } from '../../src/store/transaction-post.js';

export const PAID_REF = '2026112910000000000000001';
export const REFUND_REF = '2026112910300000000000077';
export const LOGIN = { resellerId: 'shop1', userId: '9900', password: 'reseller-secret-pw' };

/** A payment of `amount` minor units recorded by this till, as the payment flow leaves it. */
export function recordPayment(h: Harness, amount = 1250, ersReference = PAID_REF): TransactionPost {
  const post: TransactionPost = {
    ersReference,
    amount,
    currency: 'SEK',
    description: 'Glase payment',
    timestamp: '2026-11-29T09:00:00.000Z',
    clientInvoiceId: 'GP20261129-1-abcdef',
    invoiceReference: '20261129090000001',
    cashierId: 'anna',
  };
  h.store.posts.insert('pay-1', post);
  h.store.posts.flushToFile();
  return post;
}

/** STD_RECON_007 content with one row per [amountText, ersReference] (amounts with 5 decimals). */
export function detailsXml(rows: Array<[string, string]>, periodId = '2026112911000000000000900'): string {
  const body = rows
    .map(([amount, ers]) => `<Row><TerminalId>87e791f9e24148a6892c52aa85bb0331</TerminalId><CashierId>NULL</CashierId><SalesAmount>${amount}</SalesAmount><ErsReference>${ers}</ErsReference></Row>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><TransactionDetails><Meta><ResellerId>shop1</ResellerId><TerminalId>87e791f9e24148a6892c52aa85bb0331</TerminalId>' +
    `<TransactionPeriodId>${periodId}</TransactionPeriodId><GeneratedAt>2026-11-29 11:00</GeneratedAt></Meta>${body}</TransactionDetails>`
  );
}

/** markTransactionPeriod hands out new period ids; the n-th executeReport answers `report(n)` */
let periods = 0;
export function wireReports(h: Harness, report: (call: number) => ReturnType<typeof ok> | { ok: false; code: number; name: string }): void {
  let reports = 0;
  h.glase.on('markTransactionPeriod', () => ok({ transactionPeriodId: `2026112911000000000000${String(++periods).padStart(3, '0')}` }));
  h.glase.on('executeReport', () => report(++reports));
}

export const reportOf = (xml: string) => ok({ report: { title: 'STD_RECON_007_x.xml', mimeType: 'text/html', contentString: xml } });
