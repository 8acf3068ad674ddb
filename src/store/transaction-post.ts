// The posts are defined beside the machines that produce them, and the store imports them
// downward (src/ may import machines/, machines/ imports nothing of src/): a payment's post,
// a refund's post, and either as the store keeps them (one table, one receipts.jsonl, one
// print queue, keyed by ersReference).
import type { PaymentPost } from '../../machines/payment-types.js';
import type { RefundPost } from '../../machines/refund-types.js';
import type { ZReport } from '../../machines/z-report-types.js';

export type { PaymentPost as TransactionPost, RefundPost };

/** What the posts table, receipts.jsonl and the print queue hold. */
export type StoredPost = PaymentPost | RefundPost;

export const isRefundPost = (p: StoredPost): p is RefundPost => p.description === 'Glase refund';

/**
 * A Z report in the print queue: keyed `Z-<number>` (never a 25-digit reference, so it cannot
 * meet a receipt's key); the original is queued once per Z, reprints are copies.
 */
export interface ZPrintPost {
  ersReference: string;
  description: 'Glase Z report';
  z: ZReport;
  /** the shop's name for the till, printed under the header */
  till?: string;
}

/** What a print job holds: a receipt or a Z report. */
export type PrintablePost = StoredPost | ZPrintPost;

export const isZPost = (p: PrintablePost): p is ZPrintPost => p.description === 'Glase Z report';
export const zPrintKey = (zNumber: number) => `Z-${zNumber}`;

/** The print post of a Z: the day close, a reprint and the CLI's text view lay out this one. */
export function zPrintPost(z: ZReport, till?: string): ZPrintPost {
  return { ersReference: zPrintKey(z.zNumber), description: 'Glase Z report', z, ...(till === undefined ? {} : { till }) };
}
