// Types of the payment machine: its input, context, events and the contract of each named
// actor the till runtime provides. Pure types; the machine imports nothing with effects.
import type { Invoice, InvoiceRow, PaymentStatus, Result } from './glase-contract.js';

/** What the till knows about its readiness when a payment is asked for. */
export interface StartChecks {
  registered: boolean;
  glaseIdAssigned: boolean;
  serverReachable: boolean;
  /** undefined = no printer information (treated as ready) */
  printerReady?: boolean;
  printerReason?: string;
  paymentInProgress?: boolean;
  /** a lost sendInvoice reply that the cashier has not confirmed yet */
  orphanUnconfirmed?: boolean;
  /** the till's data directory has no room left to record a payment */
  storageFull?: boolean;
  /** an unfinished payment already carries the request's clientInvoiceId */
  clientInvoiceIdOpen?: boolean;
  /** payment.maxAmount: the most the cashier may raise the Glase part to above what is left (minor units), with its text */
  maxAmount?: number;
  maxAmountText?: string;
  /** the currency's largest amount in minor units (src/lib/money.ts maxAmountMinor): bounds the amount and every row */
  amountLimit: number;
  /**
   * The till's money text ("12.50 SEK") for the cashier's sentences; without it they say minor
   * units. Not persisted (a refusal is decided once, at the start).
   */
  money?: (minor: number) => string;
}

export interface PaymentRequest {
  /** the Glase part in minor units (Glase is the last tender) */
  amount: number;
  currency: string;
  rows?: InvoiceRow[];
  cashierId?: string;
  title?: string;
  /** split tender: the whole receipt total and what other tenders already paid (minor units) */
  receiptTotal?: number;
  alreadyPaid?: number;
  /** the host POS's own receipt id; the till makes one when none is given */
  clientInvoiceId?: string;
  /** the cashier confirmed a Glase part above what is left (up to checks.maxAmount) */
  confirmRaise?: boolean;
}

/** Where a restored payment continues (see payment-resume.ts). */
export type ResumeAt = 'poll' | 'record' | 'print' | 'submit' | 'orphan';

export interface PaymentInput extends PaymentRequest {
  paymentId: string;
  clientInvoiceId: string;
  issueDate: string;
  terminalId?: string;
  checks: StartChecks;
  /** unattended mode: cancel by itself after this many unanswered windows */
  autoCancelWindows?: number;
  resume?: { at: ResumeAt; context: PaymentContext };
}

/**
 * One completed Glase payment: what the machine asks the runtime to record, and what the
 * store writes to the receipt file and prints (src/store/transaction-post.ts re-exports it).
 */
export interface PaymentPost {
  ersReference: string;
  /** minor units */
  amount: number;
  currency: string;
  description: 'Glase payment';
  /** UTC ISO time the till saw the payment as PAID */
  timestamp: string;
  clientInvoiceId: string;
  invoiceReference: string;
  cashierId?: string;
  terminalId?: string;
  /** true when found PAID by crash recovery rather than the live flow */
  recovered?: boolean;
  /**
   * Set when Glase gave this payment an ersReference already booked for another payment: the
   * post is kept apart (never under the other's key) and says why it needs checking.
   */
  needsChecking?: string;
}

export interface PaymentContext {
  paymentId: string;
  clientInvoiceId: string;
  amount: number;
  currency: string;
  rows: InvoiceRow[];
  cashierId?: string;
  title: string;
  issueDate: string;
  terminalId?: string;
  invoiceReference?: string;
  version: number;
  status?: string;
  resultCode?: number;
  ersReference?: string;
  paidAt?: string;
  /** 1 for the first 30-s window, +1 for each "try again" */
  windows: number;
  /** what the cashier should read now */
  message: string;
  /** a side note (connection lost, server busy), cleared by the next good status answer */
  notice?: string;
  /** why the payment ended without being paid */
  reason?: string;
  cancelRequested: boolean;
  recovered: boolean;
  autoCancelWindows?: number;
  post?: PaymentPost;
  printJobId?: number;
  receiptSubmitted?: boolean;
  /** set at creation: where a restored payment continues, or why a new one is refused */
  resumeAt?: ResumeAt;
  refusal?: { rule: string; message: string };
  /** an updateInvoice sent and not yet answered (or its reply lost): journaled before it is sent */
  change?: PaymentChange;
  /** how the last change of amount went, in cashier words (the waiting screen shows it) */
  changeState?: 'updating' | 'applied' | 'refused' | 'unknown';
  changeNote?: string;
  /** closed by the admin while Glase stayed unreachable: who, why, when (flagged for the day close) */
  settledOutside?: { by: string; note: string; at: string };
}

/** A change of the invoice while the customer has not paid (updateInvoice on the same invoiceReference). */
export interface PaymentChange {
  amount: number;
  rows: InvoiceRow[];
  /** display texts made by the runtime (the machine formats no money) */
  amountText: string;
  previousText: string;
  /** the status version the till had seen when the change was sent: a higher one while ISSUED means Glase applied it */
  baseVersion: number;
}

export type PaymentEvent =
  | { type: 'TRY_AGAIN' }
  | { type: 'CANCEL' }
  | { type: 'STILL_OPEN' }
  | { type: 'UPDATE'; amount: number; rows: InvoiceRow[]; amountText: string; previousText: string }
  /** the admin asks Glase now (a live getPaymentStatus), instead of at the next tick */
  | { type: 'CHECK_NOW' }
  /** the admin closes a payment Glase cannot be asked about (only while the last status query got no answer) */
  | { type: 'SETTLE_OUTSIDE'; by: string; note: string; at: string };

// Named actors: input and output contracts.
export interface SendInvoiceInput {
  paymentId: string;
  clientInvoiceId: string;
  invoice: Invoice;
}
export type SendInvoiceOutput = Result<{ invoiceReference: string; invoiceQRCode?: string }>;

export interface UpdateInvoiceInput {
  paymentId: string;
  invoiceReference: string;
  invoice: Invoice;
}
export type UpdateInvoiceOutput = Result;

export interface PollStatusInput {
  paymentId: string;
  invoiceReference: string;
  version: number;
}
/** seenAt: the runtime's clock when the answer arrived (UTC ISO) */
export interface PollStatusOutput {
  result: Result<PaymentStatus>;
  seenAt: string;
}

export interface CancelInvoiceInput {
  paymentId: string;
  invoiceReference: string;
}
export type CancelInvoiceOutput = Result;

export interface RecordPaymentInput {
  paymentId: string;
  post: PaymentPost;
}
export interface RecordPaymentOutput {
  post: PaymentPost;
  created: boolean;
  /** the reference is already booked for another payment: this post was kept apart, flagged */
  conflict?: { paymentId: string; clientInvoiceId: string };
}

export interface PrintReceiptInput {
  paymentId: string;
  post: PaymentPost;
}
export interface PrintReceiptOutput {
  jobId: number;
}

export interface SubmitReceiptInput {
  paymentId: string;
  ersReference: string;
  post: PaymentPost;
}
export type SubmitReceiptOutput = Result;
