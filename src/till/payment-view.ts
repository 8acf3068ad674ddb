// A payment snapshot as the cashier, the CLI and the API see it.
import type { PaymentContext } from '../../machines/payment-types.js';
import { TEXT } from '../../machines/messages.js';
import { choicesOf, isFinalValue, stateName, type StateValueLike } from '../../machines/payment-resume.js';
import type { PaymentOutcome, PaymentView } from './types.js';

/** updateInvoice applies while the invoice is open and no other change is being sent. */
export function canChange(value: StateValueLike, c: PaymentContext): boolean {
  const v = value as { live?: { dialog?: string; change?: string } };
  if (typeof value !== 'object' || !v.live || !c.invoiceReference) return false;
  return ['window', 'question', 'customerPaying'].includes(String(v.live.dialog)) && v.live.change !== 'updating' && c.status !== 'PAID';
}

export function paymentView(value: StateValueLike, c: PaymentContext): PaymentView {
  const final = isFinalValue(value);
  return {
    paymentId: c.paymentId,
    clientInvoiceId: c.clientInvoiceId,
    state: stateName(value),
    final,
    ...(final ? { outcome: value as PaymentOutcome } : {}),
    message: c.message,
    ...(c.notice ? { notice: c.notice } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    amount: c.amount,
    currency: c.currency,
    ...(c.invoiceReference ? { invoiceReference: c.invoiceReference } : {}),
    ...(c.ersReference ? { ersReference: c.ersReference } : {}),
    version: c.version,
    windows: c.windows,
    ...(c.resultCode !== undefined ? { resultCode: c.resultCode } : {}),
    recovered: c.recovered,
    ...choicesOf(value),
    ...(c.printJobId !== undefined ? { printJobId: c.printJobId } : {}),
    ...(c.receiptSubmitted !== undefined ? { receiptSubmitted: c.receiptSubmitted } : {}),
    ...(c.changeState ? { change: { state: c.changeState, message: c.changeNote ?? '', ...(c.change ? { amount: c.change.amount } : {}) } } : {}),
    canChange: canChange(value, c),
    // Glase did not answer the last status queries: the admin may settle it outside the till (after a live check)
    unreachable: !final && typeof value === 'object' && 'live' in value && c.notice === TEXT.connectionLost,
  };
}
