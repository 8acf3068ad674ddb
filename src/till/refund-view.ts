// A refund as the cashier, the CLI and the API see it, from a running machine or from the
// store (a finished or never-started refund).
import type { RefundContext, RefundInput } from '../../machines/refund-types.js';
import { isRefundFinal, type RefundOutcome } from '../../machines/refund-resume.js';
import { initialRefundContext } from '../../machines/refund.js';

export interface RefundView {
  refundId: string;
  /** "created", "sending", "unknown", "refunded.recording", "refunded.printing", "refunded.submitting", "completed", "failed", "notApplied", "notSent" */
  state: string;
  final: boolean;
  outcome?: RefundOutcome;
  message: string;
  notice?: string;
  failure?: string;
  originalErsReference: string;
  /** positive minor units: the money going back */
  amount: number;
  currency: string;
  refundErsReference?: string;
  resultCode?: number;
  reason?: string;
  cashierId?: string;
  by: string;
  createdAt: string;
  refundedAt?: string;
  settledBy?: 'reply' | 'report';
  recovered: boolean;
  printJobId?: number;
  receiptSubmitted?: boolean;
  resendOf?: string;
  resentAs?: string;
  /** a complete report showed it never happened and it was not sent again yet */
  canResend: boolean;
}

export function refundView(state: string, c: RefundContext, resentAs?: string): RefundView {
  const final = isRefundFinal(state);
  return {
    refundId: c.refundId,
    state,
    final,
    ...(final ? { outcome: state as RefundOutcome } : {}),
    message: c.message,
    ...(c.notice ? { notice: c.notice } : {}),
    ...(c.failure ? { failure: c.failure } : {}),
    originalErsReference: c.originalErsReference,
    amount: c.amount,
    currency: c.currency,
    ...(c.refundErsReference ? { refundErsReference: c.refundErsReference } : {}),
    ...(c.resultCode !== undefined ? { resultCode: c.resultCode } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.cashierId ? { cashierId: c.cashierId } : {}),
    by: c.by,
    createdAt: c.createdAt,
    ...(c.refundedAt ? { refundedAt: c.refundedAt } : {}),
    ...(c.settledBy ? { settledBy: c.settledBy } : {}),
    recovered: c.recovered,
    ...(c.printJobId !== undefined ? { printJobId: c.printJobId } : {}),
    ...(c.receiptSubmitted !== undefined ? { receiptSubmitted: c.receiptSubmitted } : {}),
    ...(c.resendOf ? { resendOf: c.resendOf } : {}),
    ...(resentAs ? { resentAs } : {}),
    canResend: state === 'notApplied' && !resentAs,
  };
}

/** The view of a refund that was journaled but whose machine never ran. */
export function createdView(input: RefundInput, resentAs?: string): RefundView {
  return refundView('created', { ...initialRefundContext(input), message: 'journaled; not sent yet' }, resentAs);
}
