// The body of a refund receipt: "Glase refund", the amount going back, the date, the refund's
// own reference as text and as a Code 128 barcode (scanning it finds the refund), and the
// original payment's reference it pays back. The frame (header, COPY, footer) and the line
// helpers are receipt-document.ts's, handed in.
import { displayAmount } from '../lib/money.js';
import type { RefundPost } from '../store/transaction-post.js';

export interface BodyWriter {
  center(text: string, bold?: boolean): void;
  pair(label: string, value: string, bold?: boolean): void;
  push(block: { kind: 'blank' } | { kind: 'barcode'; symbology: 'code128'; data: string }): void;
  /** the refund's time as printed (local zone) */
  time: string;
}

export function refundBody(post: RefundPost, out: BodyWriter): void {
  out.center('Glase refund', true);
  out.push({ kind: 'blank' });
  out.pair('Refunded', displayAmount(post.amount, post.currency), true);
  out.pair('Date', out.time);
  if (post.cashierId) out.pair('Cashier', post.cashierId);
  if (post.terminalId) out.pair('Terminal', post.terminalId);
  if (post.reason) out.pair('Reason', post.reason);
  out.push({ kind: 'blank' });
  out.center('Original payment');
  out.center(post.originalErsReference);
  out.push({ kind: 'blank' });
  out.center('Refund reference');
  out.center(post.ersReference, true);
  out.push({ kind: 'barcode', symbology: 'code128', data: post.ersReference });
}
