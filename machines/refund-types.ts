// Types of the refund machine: its input, context, events and the contract of each named
// actor the till runtime provides. Pure types; nothing here has effects or imports src/.

/** A Glase answer as the refund machine needs it: a business outcome, never an exception. */
export type RefundCallResult = { ok: true; code: 0; ersReference?: string } | { ok: false; code: number; name?: string; ersReference?: string };

/**
 * One refund the till booked: what the store writes to the posts table and receipts.jsonl,
 * and what the refund receipt is printed from. `amount` is negative (money going back).
 */
export interface RefundPost {
  /** the refund's own new reference from Glase */
  ersReference: string;
  /** the payment this refund pays back */
  originalErsReference: string;
  /** minor units, negative */
  amount: number;
  currency: string;
  description: 'Glase refund';
  /** UTC ISO time the till learned the refund went through */
  timestamp: string;
  refundId: string;
  cashierId?: string;
  reason?: string;
  terminalId?: string;
  /** true when the refund was found by the unknown-refund check or after a restart */
  recovered?: boolean;
  /**
   * Set when Glase gave this refund a reference already booked for another post: kept apart
   * (never under the other's key), and says why it needs checking.
   */
  needsChecking?: string;
}

/** Where a restored refund continues (see refund-resume.ts). */
export type RefundResumeAt = 'unknown' | 'record' | 'print' | 'submit' | 'not-sent';

export interface RefundRequest {
  /** the original payment's ersReference */
  ersReference: string;
  /** this refund, in positive minor units */
  amount: number;
  currency: string;
  reason?: string;
  cashierId?: string;
}

export interface RefundInput extends RefundRequest {
  refundId: string;
  createdAt: string;
  /** who asked for it (audit actor, e.g. "admin@kiosk", "cli") */
  by: string;
  terminalId?: string;
  /** the refund this one sends again after a complete report showed it never happened */
  resendOf?: string;
  resume?: { at: RefundResumeAt; context: RefundContext };
}

export interface RefundContext {
  refundId: string;
  originalErsReference: string;
  amount: number;
  currency: string;
  reason?: string;
  cashierId?: string;
  by: string;
  createdAt: string;
  terminalId?: string;
  resendOf?: string;
  /** the refund's own reference once Glase (or its report) gave it */
  refundErsReference?: string;
  /** when the till learned the refund went through */
  refundedAt?: string;
  /** how the outcome was learned: the reply, or the server's report after a lost reply */
  settledBy?: 'reply' | 'report';
  resultCode?: number;
  /** what the cashier should read now */
  message: string;
  notice?: string;
  /** why the refund ended without money going back */
  failure?: string;
  recovered: boolean;
  post?: RefundPost;
  printJobId?: number;
  receiptSubmitted?: boolean;
  resumeAt?: RefundResumeAt;
}

export type RefundEvent =
  /** the unknown-refund check found this refund in the server's report */
  | { type: 'SETTLED_APPLIED'; refundErsReference: string; seenAt: string }
  /** a complete report shows no such refund: it never happened */
  | { type: 'SETTLED_NOT_APPLIED' };

// Named actors: input and output contracts.
export interface SendRefundInput {
  refundId: string;
  originalErsReference: string;
  amount: number;
  currency: string;
  reason?: string;
  cashierId?: string;
  issueDate: string;
}
/** seenAt: the runtime's clock when the answer arrived (UTC ISO) */
export interface SendRefundOutput {
  result: RefundCallResult;
  seenAt: string;
}

export interface RecordRefundInput {
  refundId: string;
  post: RefundPost;
}
export interface RecordRefundOutput {
  post: RefundPost;
  created: boolean;
  /** the refund's new reference is already booked for another post: this one was kept apart, flagged */
  conflict?: { bookedFor: string };
}

export interface PrintRefundInput {
  refundId: string;
  post: RefundPost;
}
export interface PrintRefundOutput {
  jobId: number;
}

export interface SubmitRefundReceiptInput {
  refundId: string;
  post: RefundPost;
}
export type SubmitRefundReceiptOutput = RefundCallResult;
