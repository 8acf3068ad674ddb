// The one way the API changes a running payment's amount (updateInvoice on the same invoice):
// PATCH /api/payments/:id and PUT /api/receipt (a linked receipt changed) both come here, so a
// refusal (48, paid, not open) and a lost reply (unknown → 202, polling settles it) are
// answered the same way by both, and each change is journaled by the payment machine.
import type { InvoiceRow } from '../glase/types.js';
import type { PaymentView } from '../till/index.js';
import type { ApiDeps } from './deps.js';
import { HttpError } from './http-error.js';

export interface PaymentChanged {
  /** 200 applied, 202 unknown (Glase did not answer; the status settles it) */
  status: 200 | 202;
  payment: PaymentView;
}

export async function changeRunningPayment(d: ApiDeps, paymentId: string, amount: number, rows: InvoiceRow[] | undefined, actor: string): Promise<PaymentChanged> {
  const res = await d.till.changePayment(paymentId, { amount, ...(rows ? { rows } : {}) });
  if (!res.ok) throw new HttpError(409, 'payment', res.rule, {}, res.message);
  d.log.info('payment amount changed', { paymentId, amount, state: res.payment.change?.state, by: actor });
  return { status: res.payment.change?.state === 'unknown' ? 202 : 200, payment: res.payment };
}

/** Rows as the API takes them → invoice rows in the till's currency. */
export function invoiceRowsOf(rows: ReadonlyArray<{ description: string; quantity: string; amount: number }> | undefined, currency: string): InvoiceRow[] | undefined {
  return rows?.map((r) => ({ itemDescription: r.description, itemQuantity: r.quantity, itemTotalAmount: { minor: r.amount, currency } }));
}
