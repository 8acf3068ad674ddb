// The real actors of the day-close machine: mark this terminal's period at Glase (stored
// before it is returned, under this close's name, so a crash right after the answer finds it
// instead of closing another), read one report (one executeReport; the machine retries),
// reconcile + number + store the Z (one transaction, idempotent per close), queue its print.
import { fromPromise } from 'xstate';
import type { DayCloseContext, MarkInput, MarkOutput, PrintInput, PrintOutput, ReadInput, ReadOutput, RecordInput, RecordOutput } from '../../machines/day-close-types.js';
import type { ZReport } from '../../machines/z-report-types.js';
import type { GlaseApi, Principal } from '../glase/types.js';
import type { Logger } from '../lib/log.js';
import { TERMINAL_DETAILS, TERMINAL_SUMMARY } from '../reconcile/period-reports.js';
import { reconcileBooks, type BookedTxn } from '../reconcile/reconcile-books.js';
import { ReportFormatError, parseReport, reportXml } from '../reconcile/report-xml.js';
import type { PrintJob } from '../store/print-queue.js';
import type { Store } from '../store/store.js';
import { isBooked } from '../store/receipt-lookup.js';
import { queueReceipt } from './receipt-out.js';
import { isZPost, zPrintPost } from '../store/transaction-post.js';
import { reachabilityWatch } from './glase-calls.js';
import { settledOutsideAwaitingClose } from './settled-outside.js';
import { zOutboxEntry } from '../store/day-closes.js';
import { matchUnknownRefunds } from './refund-match.js';
import type { RefundRunner } from './refunds.js';

export interface DayCloseActorDeps {
  store: Store;
  glase: Pick<GlaseApi, 'markTransactionPeriod' | 'executeReport'>;
  log: Logger;
  nowIso: () => string;
  currency: string;
  /** the till's name on the Z (config terminal.externalTerminalId) */
  tillName: string;
  refunds: RefundRunner;
  /** the reseller login of the close running now (asked for each close, never stored) */
  reseller: () => Principal;
  onReachability?: (reachable: boolean) => void;
  onReceiptQueued?: (job: PrintJob) => void;
  /** a Z was stored: for a back office (issue 14) */
  onClosed?: (z: ZReport) => void;
}

export const closePurpose = (closeId: string) => `day-close ${closeId}`;

/** Periods of this terminal a Z has not read yet: marked since the last Z, not in it. */
export function periodsToRead(store: Store, terminalId: string): string[] {
  const last = store.dayCloses.lastZ()?.report;
  const done = new Set(last?.periods ?? []);
  return store.periods
    .markedSince(last?.periodEnd ?? '', terminalId)
    .map((p) => p.periodId)
    .filter((id) => !done.has(id) && !store.dayCloses.zOfPeriod(id));
}

export function dayCloseActors(d: DayCloseActorDeps) {
  const watch = reachabilityWatch(d.onReachability);
  return {
    markPeriod: fromPromise<MarkOutput, MarkInput>(async ({ input }) => {
      // the runner journals `marking` from the same turn's subscription: let it commit before Glase is asked
      await new Promise((r) => setImmediate(r));
      const purpose = closePurpose(input.closeId);
      // a crash after Glase's answer and before the machine's snapshot: the period is in the store already
      let mine = d.store.periods.markedSince('', input.terminalId).find((p) => p.purpose === purpose);
      if (!mine) {
        const r = await watch(d.glase.markTransactionPeriod(d.reseller(), { TERMINALID: input.terminalId }));
        if (!r.ok) return { ok: false, code: r.code, name: String(r.name) };
        mine = { periodId: r.transactionPeriodId, terminalId: input.terminalId, markedAt: d.nowIso(), purpose };
        d.store.periods.add(mine);
      }
      return { ok: true, periodId: mine.periodId, markedAt: mine.markedAt, periods: periodsToRead(d.store, input.terminalId) };
    }),

    readReport: fromPromise<ReadOutput, ReadInput>(async ({ input }) => {
      const reportId = input.report === 'summary' ? TERMINAL_SUMMARY : TERMINAL_DETAILS;
      const r = await watch(d.glase.executeReport(d.reseller(), reportId, 'en', { transactionPeriodId: input.periodId, TERMINALID: input.terminalId }));
      if (!r.ok) return { ok: false, code: r.code, name: String(r.name) };
      const report = parseReport(reportXml(r.report), d.currency);
      const said = report.meta.transactionPeriodId;
      if (said && said !== input.periodId) throw new ReportFormatError(`Meta: TransactionPeriodId ${said} is not the period asked for (${input.periodId})`);
      return { ok: true, summary: report.summaries.map((s) => ({ salesCount: s.salesCount, salesTotal: s.salesTotal })), details: report.details };
    }),

    recordClose: fromPromise<RecordOutput, RecordInput>(async ({ input }) => {
      const z = await recordZ(d, input.context);
      return { zNumber: z.zNumber, needsAttention: z.verdict === 'needs-attention', differences: z.differences.length };
    }),

    printZ: fromPromise<PrintOutput, PrintInput>(async ({ input }) => {
      const job = printZ(d, input.zNumber, false);
      return { jobId: job.id };
    }),
  };
}

/** Queues a Z for printing: the original once, a reprint as a COPY. */
export function printZ(d: Pick<DayCloseActorDeps, 'store' | 'tillName' | 'onReceiptQueued'>, zNumber: number, copy: boolean): PrintJob {
  const stored = d.store.dayCloses.z(zNumber);
  if (!stored) throw new Error(`there is no Z ${zNumber}`);
  const job = queueReceipt(d, zPrintPost(stored.report, d.tillName), { copy });
  if (!isZPost(job.post)) throw new Error(`print job ${job.id} is not a Z report`);
  return job;
}

/** A COPY of a Z, audited in the same place for the admin screen and `glase-pos report --print`. */
export function reprintZ(d: Pick<DayCloseActorDeps, 'store' | 'tillName' | 'onReceiptQueued' | 'nowIso'>, zNumber: number, by: string): PrintJob {
  const job = printZ(d, zNumber, true);
  d.store.audit.append(by, 'z-reprint', `z=${zNumber} job=${job.id}`, d.nowIso());
  return job;
}

async function recordZ(d: DayCloseActorDeps, c: DayCloseContext): Promise<ZReport> {
  const done = d.store.dayCloses.zOfClose(c.closeId);
  if (done) return done.report;
  const rows = c.reports.flatMap((r) => r.details);
  // the unknown-refund check runs in the close: a refund in doubt found in these rows is booked first
  const found = matchUnknownRefunds(d.refunds.unknown(), rows, (ers) => isBooked(d.store, ers));
  const settled: string[] = [];
  for (const [refundId, ers] of found) {
    if (!d.refunds.settle(refundId, { type: 'SETTLED_APPLIED', refundErsReference: ers, seenAt: d.nowIso() })) continue;
    await d.refunds.waitFor(refundId);
    settled.push(ers);
  }
  const posts: BookedTxn[] = d.store.posts
    .all()
    .filter((p) => !d.store.dayCloses.inAnyZ(p.ersReference))
    .map((p) => ({ ersReference: p.ersReference, amount: p.amount, currency: p.currency, timestamp: p.timestamp, description: p.description, ...(p.cashierId ? { cashierId: p.cashierId } : {}) }));
  const outside = settledOutsideAwaitingClose(d.store).map((o) => ({ paymentId: o.paymentId, amount: o.amount, by: o.by, note: o.note }));
  const books = reconcileBooks({ reports: c.reports, posts, markedAt: c.markedAt!, currency: d.currency, settledRefunds: settled, markLost: c.markLost, settledOutside: outside });
  const last = d.store.dayCloses.lastZ()?.report;
  const creds = d.store.credentials.get();
  const needsAttention = books.differences.some((x) => x.attention);
  // the Z and its back-office post are written in one transaction (issue 14's outbox)
  const z = d.store.transaction(() => {
    const made = d.store.dayCloses.addZ(
    (zNumber) => ({
      zNumber,
      closeId: c.closeId,
      terminalId: c.terminalId,
      ...(creds?.externalTerminalId ? { externalTerminalId: creds.externalTerminalId } : {}),
      periodId: c.periodId!,
      periods: c.periods,
      ...(last ? { periodStart: last.periodEnd } : {}),
      periodEnd: c.markedAt!,
      closedAt: d.nowIso(),
      closedBy: c.by,
      currency: d.currency,
      ...books,
      verdict: needsAttention ? 'needs-attention' : 'matched',
      ...(c.markLost ? { markLost: true } : {}),
    }),
    c.closeId,
    );
    d.store.outbox.add(zOutboxEntry(made), d.nowIso());
    return made;
  });
  d.store.dayCloses.flushToFile();
  d.store.audit.append(c.by, 'day-close', `z=${z.zNumber} period=${z.periodId} verdict=${z.verdict} differences=${z.differences.length} net=${z.till.net}/${z.glase.net}`, d.nowIso());
  d.log.info('day closed', { zNumber: z.zNumber, periodId: z.periodId, verdict: z.verdict, differences: z.differences.length });
  d.onClosed?.(z);
  return z;
}
