// How a refund continues after a restart, decided from its last persisted state. A refund is
// never sent again by a restart: one that may have been sent is `unknown` until the server's
// report settles it; one only created (never sent) ends as not sent; a refunded one re-runs
// the idempotent record/print/submit steps.
import type { RefundContext, RefundResumeAt } from './refund-types.js';

export const REFUND_FINAL = ['completed', 'needsChecking', 'failed', 'notApplied', 'notSent'] as const;
export type RefundOutcome = (typeof REFUND_FINAL)[number];

export function isRefundFinal(state: string): state is RefundOutcome {
  return (REFUND_FINAL as readonly string[]).includes(state);
}

/** The flat state name: "sending", "unknown", "refunded.recording", "completed", … */
export function refundStateName(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${k}.${refundStateName(v)}`;
}

/** `state` is the journal name of the last persisted state ("created" before the machine ran). */
export function refundResumePoint(state: string, context: RefundContext | undefined): RefundResumeAt | 'finished' {
  if (isRefundFinal(state)) return 'finished';
  if (state === 'created' || !context) return 'not-sent';
  if (state.startsWith('refunded.') && context.refundErsReference) {
    if (state === 'refunded.submitting' && context.post) return 'submit';
    if (state === 'refunded.printing' && context.post) return 'print';
    return 'record';
  }
  // sending (the request may have left) or unknown: only the server's report can tell
  return 'unknown';
}

/** Refunds in these states count against the refundable rest: they did or may have paid out. */
export function refundCounts(state: string): boolean {
  return state !== 'failed' && state !== 'notApplied' && state !== 'notSent';
}
