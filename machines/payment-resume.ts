// How a payment continues after a restart, decided from its last persisted snapshot.
// In-flight actors are never restored as such (that could resend an invoice): a payment
// with an invoice goes back to asking for its status, a paid one re-runs the idempotent
// record/print/submit steps, and one that was sending without a reference is an orphan.
import type { PaymentContext, ResumeAt } from './payment-types.js';

export type StateValueLike = string | { [key: string]: StateValueLike };

const FINAL = ['completed', 'needsChecking', 'settledOutside', 'cancelled', 'failed', 'refused', 'orphaned'];

export function isFinalValue(value: StateValueLike): boolean {
  return typeof value === 'string' && FINAL.includes(value);
}

export function resumePoint(value: StateValueLike, context: PaymentContext): ResumeAt | 'finished' {
  if (isFinalValue(value)) return 'finished';
  if (typeof value === 'object' && 'paid' in value) {
    const step = value.paid;
    if (step === 'submitting' && context.post) return 'submit';
    if (step === 'printing' && context.post) return 'print';
    return 'record';
  }
  // start, sending or live: with a reference we can ask; without one the invoice may exist
  return context.invoiceReference ? 'poll' : 'orphan';
}

/** A flat, journal-friendly name: "sending", "live.question", "live.window/unknown", "paid.printing", "completed". */
export function stateName(value: StateValueLike): string {
  if (typeof value === 'string') return value;
  if ('live' in value && typeof value.live === 'object') {
    const live = value.live as { poll?: StateValueLike; dialog?: StateValueLike };
    return `live.${String(live.dialog)}${live.poll === 'unknown' ? '/unknown' : ''}`;
  }
  const [k, v] = Object.entries(value)[0]!;
  return `${k}.${stateName(v)}`;
}

/** What the cashier may do in this state. */
export function choicesOf(value: StateValueLike): { canTryAgain: boolean; canCancel: boolean } {
  const name = stateName(value);
  return {
    canTryAgain: /^live\.(question|customerPaying)/.test(name),
    canCancel: name === 'sending' || /^live\.(window|question|customerPaying)/.test(name),
  };
}
