// updateInvoice while the customer has not paid (issue 10 §2): the `change` region of the
// live payment, beside polling and the cashier's dialog. The change is in the context (and
// so journaled) before it is sent. 48 or a refusal keeps the old amount and says why; a lost
// reply is unknown: polling goes on, and a status version above the one seen when the change
// was sent (still ISSUED) means Glase applied it, while PAID brings the paid amount itself.
// Sending the same change again is safe: updateInvoice replaces the invoice's content.
import type { PaymentStatus } from './glase-contract.js';
import type { PaymentContext, PaymentEvent } from './payment-types.js';

type UpdateEvent = Extract<PaymentEvent, { type: 'UPDATE' }>;

/** The change as sent: written to the context (and journal) before updateInvoice runs. */
export function beginChange(context: PaymentContext, event: UpdateEvent): Partial<PaymentContext> {
  return {
    change: { amount: event.amount, rows: event.rows, amountText: event.amountText, previousText: event.previousText, baseVersion: context.version },
    changeState: 'updating',
    changeNote: `changing the amount from ${event.previousText} to ${event.amountText}`,
  };
}

export function changeApplied(context: PaymentContext): Partial<PaymentContext> {
  return {
    amount: context.change!.amount,
    rows: context.change!.rows,
    change: undefined,
    changeState: 'applied',
    changeNote: `the amount was changed from ${context.change!.previousText} to ${context.change!.amountText}`,
  };
}

/** The old amount still stands; the note says why. */
export function changeRefused(note: string, code?: number): Partial<PaymentContext> {
  return { change: undefined, changeState: 'refused', changeNote: note, ...(code !== undefined ? { resultCode: code } : {}) };
}

/** A higher status version while still ISSUED: Glase applied the change whose reply was lost. */
export const changeSeen = (c: PaymentContext): boolean => c.change !== undefined && c.version > c.change.baseVersion;

/**
 * The amount of a PAID status: the paid invoice's totalAmount when Glase sends it (in the
 * payment's currency), else the amount the till last knew for sure. A change in doubt ends here.
 */
export function paidAmount(c: PaymentContext, s: PaymentStatus): Partial<PaymentContext> {
  const paid = s.receipt?.invoice?.totalAmount;
  const amount = paid && paid.currency === c.currency && Number.isSafeInteger(paid.minor) && paid.minor > 0 ? paid.minor : c.amount;
  if (!c.change) return { amount };
  const rows = amount === c.change.amount ? c.change.rows : c.rows;
  const note =
    amount === c.change.amount
      ? `the customer paid the changed amount ${c.change.amountText}`
      : amount === c.amount
        ? `the customer paid the amount before the change (${c.change.previousText})`
        : 'the customer paid the amount Glase reports';
  return { amount, rows, change: undefined, changeState: amount === c.change.amount ? 'applied' : 'refused', changeNote: note };
}
