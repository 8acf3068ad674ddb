// Payments the admin closed as "settled outside the till" (Glase stayed unreachable): they end
// in the final state `settledOutside`, so `payments.state = 'settledOutside'` is the day close's
// flag to reconcile them with Glase's report; this reads them with who closed them and why.
import type { PaymentContext } from '../../machines/payment-types.js';
import type { Store } from '../store/store.js';

export interface PaymentSettledOutside {
  paymentId: string;
  clientInvoiceId: string;
  invoiceReference?: string;
  amount: number;
  currency: string;
  by: string;
  note: string;
  at: string;
}

export function settledOutsideOf(store: Store): PaymentSettledOutside[] {
  return store.payments.inState('settledOutside').flatMap((rec) => {
    const c = (rec.snapshot as { context?: PaymentContext }).context;
    if (!c?.settledOutside) return [];
    return [{
      paymentId: c.paymentId,
      clientInvoiceId: c.clientInvoiceId,
      ...(c.invoiceReference ? { invoiceReference: c.invoiceReference } : {}),
      amount: c.amount,
      currency: c.currency,
      ...c.settledOutside,
    }];
  });
}

/** those no Z has reconciled yet: the next day close takes them, status lists them until then */
export function settledOutsideAwaitingClose(store: Store): PaymentSettledOutside[] {
  return settledOutsideOf(store).filter((o) => !store.dayCloses.inAnyZ(`outside:${o.paymentId}`));
}
