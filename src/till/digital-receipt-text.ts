// The plain-text digital receipt of a payment, sent to Glase with submitPaymentReceipt: a few
// label lines, no layout. Not the printed receipt (printedReceiptText in src/printing/text.ts
// renders the paper layout as text).
import { formatAmount } from '../lib/money.js';
import type { PaymentPost } from '../../machines/payment-types.js';

export function digitalReceiptText(p: PaymentPost): string {
  return [
    'Glase payment',
    `Amount: ${formatAmount(p.amount, p.currency)} ${p.currency}`,
    `Reference: ${p.ersReference}`,
    `Time: ${p.timestamp}`,
    ...(p.cashierId ? [`Cashier: ${p.cashierId}`] : []),
  ].join('\n');
}
