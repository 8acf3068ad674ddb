// The body of a refund receipt: "Glase refund", the amount going back, the date, the refund's
// own reference as text and as a Code 128 barcode (scanning it finds the refund), and the
// original payment's reference it pays back. The frame (header, COPY, footer) and the line
// helpers are receipt-document.ts's, handed in.
import type { RefundPost } from '../store/transaction-post.js';

export interface BodyWriter {
  center(text: string, bold?: boolean): void;
  pair(label: string, value: string, bold?: boolean): void;
  push(block: { kind: 'blank' } | { kind: 'barcode'; symbology: 'code128'; data: string }): void;
  /** the refund's time as printed (local zone) */
  time: string;
  /** the receipt's catalogue (the shop's language) and amount format */
  t(key: string): string;
  money(minor: number, currency: string): string;
}

export function refundBody(post: RefundPost, out: BodyWriter): void {
  const { t } = out;
  out.center(t('receipt.refund.title'), true);
  out.push({ kind: 'blank' });
  out.pair(t('receipt.refund.refunded'), out.money(post.amount, post.currency), true);
  out.pair(t('receipt.date'), out.time);
  if (post.cashierId) out.pair(t('receipt.cashier'), post.cashierId);
  if (post.terminalId) out.pair(t('receipt.terminal'), post.terminalId);
  if (post.reason) out.pair(t('receipt.refund.reason'), post.reason);
  out.push({ kind: 'blank' });
  out.center(t('receipt.refund.original'));
  out.center(post.originalErsReference);
  out.push({ kind: 'blank' });
  out.center(t('receipt.refund.reference'));
  out.center(post.ersReference, true);
  out.push({ kind: 'barcode', symbology: 'code128', data: post.ersReference });
}
