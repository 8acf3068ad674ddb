// What the API sends about refunds: the till's views plus display strings.
import { displayAmount } from '../lib/money.js';
import type { PaymentRefunds, RefundView, Till } from '../till/index.js';

export const refundOut = (r: RefundView) => ({ ...r, amountText: displayAmount(r.amount, r.currency) });

export const paymentRefundsOut = (p: PaymentRefunds) => ({
  ...p,
  refundedText: displayAmount(p.refunded, p.currency),
  ...(p.paid !== undefined ? { paidText: displayAmount(p.paid, p.currency) } : {}),
  ...(p.refundable !== undefined ? { refundableText: displayAmount(p.refundable, p.currency) } : {}),
  refunds: p.refunds.map(refundOut),
});

/**
 * The receipt lookup with refunds: the post and print jobs of an ersReference (findReceipt),
 * plus the payment's refunds and what is still refundable. A payment this till did not record
 * is found only by the refunds an admin made of it (post null).
 */
export function receiptWithRefunds(d: { till: Pick<Till, 'findReceipt' | 'paymentRefunds'> }, ersReference: string) {
  const found = d.till.findReceipt(ersReference);
  const refunds = d.till.paymentRefunds(ersReference);
  if (!found && refunds.refunds.length === 0) return undefined;
  return { post: found?.post ?? null, jobs: found?.jobs ?? [], refunds: paymentRefundsOut(refunds) };
}
