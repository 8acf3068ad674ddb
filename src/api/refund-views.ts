// What the API sends about refunds: the till's views plus display strings.
import { displayAmount } from '../lib/money.js';
import type { PaymentRefunds, RefundView } from '../till/index.js';

export const refundOut = (r: RefundView) => ({ ...r, amountText: displayAmount(r.amount, r.currency) });

export const paymentRefundsOut = (p: PaymentRefunds) => ({
  ...p,
  refundedText: displayAmount(p.refunded, p.currency),
  ...(p.paid !== undefined ? { paidText: displayAmount(p.paid, p.currency) } : {}),
  ...(p.refundable !== undefined ? { refundableText: displayAmount(p.refundable, p.currency) } : {}),
  refunds: p.refunds.map(refundOut),
});
