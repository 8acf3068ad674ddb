// The orphan: a sendInvoice whose reply was lost. The payment machine ends in `orphaned`, the
// till notes it here, and no payment starts until a cashier confirmed it (checked the
// customer's phone). The confirmation is one function, for the till and the CLI alike.
import type { Store } from '../store/store.js';

export const ORPHAN_KEY = 'orphanUnconfirmed';

export interface OrphanNote {
  paymentId: string;
  clientInvoiceId: string;
  amount: number;
  currency: string;
  at: string;
}

export function orphanOf(store: Pick<Store, 'settings'>): OrphanNote | undefined {
  return store.settings.get<OrphanNote>(ORPHAN_KEY);
}

/** Written in the same transaction as the payment's `orphaned` state. */
export function noteOrphan(store: Pick<Store, 'settings'>, note: OrphanNote): void {
  store.settings.set(ORPHAN_KEY, note);
}

/** Clears the orphan and audits who confirmed it; returns the confirmed note, or undefined when there was none. */
export function confirmOrphan(store: Pick<Store, 'settings' | 'audit' | 'transaction'>, by: string, at: string, note?: string): OrphanNote | undefined {
  return store.transaction(() => {
    const o = orphanOf(store);
    if (!o) return undefined;
    store.settings.delete(ORPHAN_KEY);
    store.audit.append(by, 'confirm-orphan', `paymentId=${o.paymentId} clientInvoiceId=${o.clientInvoiceId}${note ? ` note=${note}` : ''}`, at);
    return o;
  });
}
