// The plain-text digital receipt of a refund, sent with submitPaymentReceipt for the refund's
// own reference (the printed one is laid out by src/printing).
import { formatAmount } from '../lib/money.js';
import type { RefundPost } from '../../machines/refund-types.js';

export function refundReceiptText(p: RefundPost): string {
  return [
    'Glase refund',
    `Amount: ${formatAmount(p.amount, p.currency)} ${p.currency}`,
    `Refund reference: ${p.ersReference}`,
    `Original payment: ${p.originalErsReference}`,
    `Time: ${p.timestamp}`,
    ...(p.cashierId ? [`Cashier: ${p.cashierId}`] : []),
    ...(p.reason ? [`Reason: ${p.reason}`] : []),
  ].join('\n');
}
