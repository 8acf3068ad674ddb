// The till runtime's public types: what the CLI, the daemon and the HTTP API program against.
import type { Config } from '../config.js';
import type { GlaseApi } from '../glase/types.js';
import type { Logger } from '../lib/log.js';
import type { PrintJob } from '../store/print-queue.js';
import type { Store } from '../store/store.js';
import type { PaymentRequest } from '../../machines/payment-types.js';
import type { Readiness } from '../../machines/readiness.js';
import type { TillClock } from './clock.js';
import type { RefundView } from './refund-view.js';
import type { ReportWaits } from '../reconcile/period-reports.js';
import type { ZReport } from '../../machines/z-report-types.js';
import type { DayCloseView } from './day-close.js';
import type { FetchLike } from '../shipper/backoffice-fetch.js';

export type { PaymentRequest, Readiness };

export interface TillConfig {
  terminal?: Partial<Config['terminal']>;
  payment?: Partial<Config['payment']>;
  api?: Partial<Pick<Config['api'], 'mode'>>;
  dayClose?: Partial<Config['dayClose']>;
}

export interface PrinterState {
  ready: boolean;
  reason?: string;
}

export interface TillOptions {
  store: Store;
  glase: GlaseApi;
  config?: TillConfig;
  log?: Logger;
  /** xstate's SimulatedClock in tests; real time by default */
  clock?: TillClock;
  /** is Glase reachable? default: benchmarkingNop answered anything */
  probeServer?: () => Promise<boolean>;
  /** how often to probe the server when idle (default 15 s) */
  probeIntervalMs?: number;
  /** the printer's state source: call report() whenever it changes; return a stop function */
  printerStatus?: (report: (s: PrinterState) => void) => () => void;
  /** bytes free in the data directory (default: statfs); a payment is refused below minFreeBytes */
  freeBytes?: (dataDir: string) => number;
  /** default MIN_FREE_BYTES (8 MiB) */
  minFreeBytes?: number;
  /** below this many free bytes readiness warns (storage-low) while payments still go; default 0 (never) */
  lowFreeBytes?: number;
  /** take the data dir's till.lock at start (default true): one till process per store */
  lock?: boolean;
  /** called after a receipt was queued, so the spooler can print at once */
  onReceiptQueued?: (job: PrintJob) => void;
  /**
   * At start, ask Glase one cheap authenticated question (getPaymentStatus of an invoice that
   * does not exist: 54 when Glase knows the till, 29 when it does not), so readiness knows a
   * forgotten till before a payment fails. The daemon turns it on; default off.
   */
  checkTerminalAtStart?: boolean;
  /** how the unknown-refund check waits for Glase's reports (default: 3 s, then growing) */
  reportWaits?: Partial<ReportWaits>;
  /** a Z was stored (for a back office): the finished close's record */
  onDayClosed?: (z: ZReport) => void;
  /** how enrolment from the admin screen reaches the back office (backoffice.caFile); default fetch */
  backofficeFetch?: FetchLike;
  /** the program's version, sent to the back office when enrolling */
  version?: string;
}

/**
 * needsChecking: paid at Glase, but its ersReference was already booked for another payment (kept apart);
 * settledOutside: Glase stayed unreachable and the admin closed it (flagged for the day close)
 */
export type PaymentOutcome = 'completed' | 'needsChecking' | 'settledOutside' | 'cancelled' | 'failed' | 'refused' | 'orphaned';

/** A paid payment kept apart because Glase gave it another payment's ersReference. */
export interface PaymentToCheck {
  paymentId: string;
  clientInvoiceId: string;
  ersReference: string;
  amount: number;
  currency: string;
  /** the payment the reference is booked for */
  bookedPaymentId: string;
  at: string;
  why: string;
}

export interface PaymentView {
  paymentId: string;
  clientInvoiceId: string;
  /** journal name of the state: "sending", "live.window", "live.question", "live.window/unknown", "paid.printing", "completed", … */
  state: string;
  final: boolean;
  outcome?: PaymentOutcome;
  message: string;
  notice?: string;
  reason?: string;
  amount: number;
  currency: string;
  invoiceReference?: string;
  ersReference?: string;
  version: number;
  windows: number;
  resultCode?: number;
  recovered: boolean;
  canTryAgain: boolean;
  canCancel: boolean;
  printJobId?: number;
  receiptSubmitted?: boolean;
  /** the last change of amount (updateInvoice): amount is the one sent, while it is not settled */
  change?: { state: 'updating' | 'applied' | 'refused' | 'unknown'; message: string; amount?: number };
  /** may the host POS change the amount now (PATCH /api/payments/:id) */
  canChange: boolean;
  /** while a 30-s window runs: when it ends (the till's clock) and how much of it is left, for the screen's countdown */
  windowEndsAt?: string;
  windowLeftMs?: number;
  /** Glase did not answer the last status queries: settling it outside the till is offered (admin, after a live check) */
  unreachable: boolean;
}

export type ChangeResult = { ok: true; payment: PaymentView } | { ok: false; rule: string; message: string; payment?: PaymentView };

export type SettleResult = { ok: true; payment: PaymentView } | { ok: false; rule: string; message: string; payment?: PaymentView };

export type StartResult = { ok: true; paymentId: string; payment: PaymentView } | { ok: false; rule: string; message: string };

export interface SetupView {
  /** unregistered | registering | registered | assigning | ready | unregistering | forgetting | forgettingUnknown */
  state: string;
  terminalId?: string;
  glaseId?: string;
  message: string;
  resultCode?: number;
  /** Glase answered 29 (it no longer knows this till) to `op` at `at`: forgetting the registration is offered */
  unknownAtGlase?: { op: string; at: string; message: string };
}

export type TillEvent =
  | { type: 'payment'; payment: PaymentView }
  | { type: 'setup'; setup: SetupView }
  | { type: 'readiness'; readiness: Readiness }
  | { type: 'refund'; refund: RefundView }
  | { type: 'day-close'; close: DayCloseView };
