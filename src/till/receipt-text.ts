// The plain-text digital receipt sent with submitPaymentReceipt (the printed one is laid
// out by src/printing).
import { formatAmount } from '../lib/money.js';
import type { PaymentPost } from '../../machines/payment-types.js';

export function receiptText(p: PaymentPost): string {
  return [
    'Glase payment',
    `Amount: ${formatAmount(p.amount, p.currency)} ${p.currency}`,
    `Reference: ${p.ersReference}`,
    `Time: ${p.timestamp}`,
    ...(p.cashierId ? [`Cashier: ${p.cashierId}`] : []),
  ].join('\n');
}
