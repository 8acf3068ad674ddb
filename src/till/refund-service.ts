// The till's refunds: start one (rules first, in the words of Glase's codes), follow it, list
// a payment's refunds with the refundable rest, settle refunds in doubt from the server's
// report, and send again one the complete report shows never happened (audited).
import type { GlaseApi } from '../glase/types.js';
import type { Logger } from '../lib/log.js';
import type { PrintJob } from '../store/print-queue.js';
import type { Store } from '../store/store.js';
import type { ReportWaits } from '../reconcile/period-reports.js';
import { refundable } from '../../machines/refund-rules.js';
import type { TillClock } from './clock.js';
import { checkUnknownRefunds, type RefundCheckResult, type ResellerLogin } from './refund-check.js';
import type { RefundView } from './refund-view.js';
import { RefundRunner, viewOfRecord, type RefundStartResult } from './refunds.js';

export interface RefundServiceOptions {
  store: Store;
  glase: GlaseApi;
  log: Logger;
  clock: TillClock;
  nowIso: () => string;
  currency: string;
  /** the till's state a refund depends on */
  checks: () => { registered: boolean; serverReachable: boolean; paymentInProgress: boolean; storageFull?: boolean; terminalId?: string };
  /** the start write found the storage full (readiness says so from then on) */
  onStorageFull?: () => void;
  onChange: (view: RefundView) => void;
  onReachability?: (reachable: boolean) => void;
  onReceiptQueued?: (job: PrintJob) => void;
  reportWaits?: Partial<ReportWaits>;
}

export interface NewRefund {
  /** the original payment's ersReference */
  ersReference: string;
  /** positive minor units */
  amount: number;
  reason?: string;
  cashierId?: string;
}

/** A payment and its refunds, for the receipt lookup and the refund keypad. */
export interface PaymentRefunds {
  ersReference: string;
  /** payment = recorded here; refund = the reference of a refund; unrecorded = not known here */
  kind: 'payment' | 'refund' | 'unrecorded';
  /** the payment's amount (minor units), when recorded here */
  paid?: number;
  /** refunds that did or may have paid out */
  refunded: number;
  /** what may still be refunded; absent when the payment is not recorded here */
  refundable?: number;
  currency: string;
  refunds: RefundView[];
}

export function createRefundService(o: RefundServiceOptions) {
  const runner = new RefundRunner({ store: o.store, glase: o.glase, log: o.log, clock: o.clock, nowIso: o.nowIso, onChange: o.onChange, onReachability: o.onReachability, onReceiptQueued: o.onReceiptQueued, onStorageFull: o.onStorageFull });
  const sleep = (ms: number) => new Promise<void>((resolve) => o.clock.setTimeout(() => resolve(), ms));
  let checking: Promise<RefundCheckResult> | undefined;

  const start = (r: NewRefund, by: string, unrecordedAllowed: boolean, resendOf?: string): RefundStartResult => {
    const c = o.checks();
    return runner.start(
      { ersReference: r.ersReference, amount: r.amount, currency: o.currency, ...(r.reason ? { reason: r.reason } : {}), ...(r.cashierId ? { cashierId: r.cashierId } : {}), by, ...(resendOf ? { resendOf } : {}) },
      { registered: c.registered, serverReachable: c.serverReachable, paymentInProgress: c.paymentInProgress, unrecordedAllowed, ...(c.storageFull ? { storageFull: true } : {}) },
      c.terminalId,
    );
  };

  return {
    runner,
    api: {
      /**
       * Starts a refund of `amount` against a payment. `unrecordedAllowed`: an admin typed the
       * reference, so a payment this till did not record may be refunded too.
       */
      startRefund: (r: NewRefund, opts: { by: string; unrecordedAllowed?: boolean }): RefundStartResult => start(r, opts.by, opts.unrecordedAllowed === true),
      refund: (refundId: string): RefundView | undefined => runner.view(refundId),
      waitForRefund: (refundId: string): Promise<RefundView> => runner.waitFor(refundId),
      refundInProgress: (): boolean => runner.inProgress(),
      recentRefunds: (limit = 20): RefundView[] => o.store.refunds.recent(limit).map((r) => runner.view(r.refundId) ?? viewOfRecord(r)!).filter(Boolean),
      unknownRefunds: (): RefundView[] => runner.unknown().map((r) => runner.view(r.refundId)!).filter(Boolean),

      paymentRefunds(ersReference: string): PaymentRefunds {
        const orig = runner.original(ersReference);
        const refunds = runner.ofPayment(ersReference);
        const refunded = runner.refundedTotal(ersReference);
        if (orig.kind !== 'payment') return { ersReference, kind: orig.kind, refunded, currency: o.currency, refunds };
        return { ersReference, kind: 'payment', paid: orig.amount, refunded, refundable: refundable(orig), currency: orig.currency, refunds };
      },

      /** Settles every refund in doubt from Glase's reports; one check at a time. */
      checkUnknownRefunds(login: ResellerLogin, by: string): Promise<RefundCheckResult> {
        checking ??= checkUnknownRefunds({ store: o.store, glase: o.glase, runner, log: o.log, currency: o.currency, nowIso: o.nowIso, sleep, waits: o.reportWaits, onReachability: o.onReachability }, login, by).finally(
          () => (checking = undefined),
        );
        return checking;
      },

      /** Sends again a refund Glase's complete report showed never happened (audited). */
      resendRefund(refundId: string, by: string): RefundStartResult {
        const v = runner.view(refundId);
        if (!v) return { ok: false, rule: 'refund-id', message: `no refund ${refundId} on this till` };
        if (v.resentAs) return { ok: false, rule: 'resent', message: `this refund was already sent again as ${v.resentAs}` };
        if (v.state !== 'notApplied')
          return { ok: false, rule: 'settled-not-applied', message: 'only a refund that Glase\'s complete report shows never happened may be sent again; check the refunds in doubt first' };
        return start({ ersReference: v.originalErsReference, amount: v.amount, ...(v.reason ? { reason: v.reason } : {}), ...(v.cashierId ? { cashierId: v.cashierId } : {}) }, by, true, refundId);
      },
    },
  };
}

export type RefundService = ReturnType<typeof createRefundService>;
export type { RefundCheckResult, ResellerLogin, RefundStartResult, RefundView };
