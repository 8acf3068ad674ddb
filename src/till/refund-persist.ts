// Durability of a refund: each change of its state is written as the persisted xstate
// snapshot and one refund-journal row in a single SQLite transaction (synchronous=FULL), from
// the actor's subscription, which runs in the same turn as the transition and before the
// sendRefund actor can reach the network (it checks for the journaled `sending` first).
import type { RefundContext } from '../../machines/refund-types.js';
import { isRefundFinal } from '../../machines/refund-resume.js';
import type { Store } from '../store/store.js';

export function refundJournalKey(state: string, c: RefundContext): string {
  return JSON.stringify([state, c.refundErsReference, c.resultCode, c.message, c.notice]);
}

export class RefundPersister {
  private lastKey = new Map<string, string>();
  constructor(
    private readonly store: Store,
    private readonly nowIso: () => string,
  ) {}

  /** Called for every snapshot; returns true when something was written. */
  persist(state: string, context: RefundContext, persisted: unknown): boolean {
    const key = refundJournalKey(state, context);
    if (this.lastKey.get(context.refundId) === key) return false;
    const at = this.nowIso();
    const finished = isRefundFinal(state);
    this.store.transaction(() => {
      this.store.refunds.save(context.refundId, { state, snapshot: persisted, finished, at, refundErsReference: context.refundErsReference });
      this.store.refundJournal.append({
        at,
        refundId: context.refundId,
        state,
        originalErsReference: context.originalErsReference,
        amount: context.amount,
        refundErsReference: context.refundErsReference,
        resultCode: context.resultCode,
        message: context.notice ? `${context.message} (${context.notice})` : context.message,
      });
    });
    this.lastKey.set(context.refundId, key);
    if (finished) this.lastKey.delete(context.refundId);
    return true;
  }
}
