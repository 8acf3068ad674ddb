// Durability of a payment: each change of its state is written as the persisted xstate
// snapshot and one journal row in a single SQLite transaction (synchronous=FULL), from the
// actor's subscription, which runs synchronously in the same turn as the transition.
// Poll ticks that change nothing visible (asking ↔ waiting with the same version) are
// not journaled: they would add a row per second without telling anything new.
import type { Store } from '../store/store.js';
import type { PaymentContext } from '../../machines/payment-types.js';
import { isFinalValue, stateName, type StateValueLike } from '../../machines/payment-resume.js';
import { noteOrphan } from './orphan.js';

export function journalKey(value: StateValueLike, c: PaymentContext): string {
  return JSON.stringify([stateName(value), c.invoiceReference, c.version, c.status, c.resultCode, c.ersReference, c.message, c.notice, c.windows, c.amount, c.changeState, c.changeNote]);
}

export class PaymentPersister {
  private lastKey = new Map<string, string>();
  private lastChange = new Map<string, string>();
  constructor(
    private readonly store: Store,
    private readonly nowIso: () => string,
  ) {}

  /** Called for every snapshot; returns true when something was written. */
  persist(value: StateValueLike, context: PaymentContext, persisted: unknown): boolean {
    const key = journalKey(value, context);
    if (this.lastKey.get(context.paymentId) === key) return false;
    const at = this.nowIso();
    const name = stateName(value);
    const finished = isFinalValue(value);
    this.store.transaction(() => {
      this.store.payments.save(context.paymentId, name, persisted, finished, at);
      this.store.journal.append({
        at,
        paymentId: context.paymentId,
        state: name,
        clientInvoiceId: context.clientInvoiceId,
        invoiceReference: context.invoiceReference,
        version: context.version,
        resultCode: context.resultCode,
        ersReference: context.ersReference,
        message: context.notice ? `${context.message} (${context.notice})` : context.message,
      });
      // each change of amount (sent, applied, refused, in doubt) gets its own row, in cashier words
      const change = JSON.stringify([context.changeState, context.changeNote]);
      if (context.changeNote && this.lastChange.get(context.paymentId) !== change) {
        this.store.journal.append({
          at,
          paymentId: context.paymentId,
          state: `change.${context.changeState}`,
          clientInvoiceId: context.clientInvoiceId,
          invoiceReference: context.invoiceReference,
          version: context.version,
          resultCode: context.resultCode,
          message: context.changeNote,
        });
        this.lastChange.set(context.paymentId, change);
      }
      if (name === 'orphaned') noteOrphan(this.store, { paymentId: context.paymentId, clientInvoiceId: context.clientInvoiceId, amount: context.amount, currency: context.currency, at });
    });
    this.lastKey.set(context.paymentId, key);
    if (finished) {
      this.lastKey.delete(context.paymentId);
      this.lastChange.delete(context.paymentId);
    }
    return true;
  }
}
