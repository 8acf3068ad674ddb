// Settles refunds whose reply was lost, from the server's own record: close this terminal's
// transaction period, read the details report (STD_RECON_007) of every period this till
// closed since the oldest such refund was created, and match (refund-match.ts). A match is
// booked as refunded at once; "never happened" is decided only when every report was read
// (complete), and only then may an admin send that refund again.
import type { GlaseApi, Principal } from '../glase/types.js';
import { GlaseTransportError } from '../glase/errors.js';
import type { Logger } from '../lib/log.js';
import { PeriodReports, TERMINAL_DETAILS, type ReportWaits } from '../reconcile/period-reports.js';
import { ReportFormatError, type DetailRow } from '../reconcile/report-xml.js';
import type { Store } from '../store/store.js';
import { isBooked } from '../store/receipt-lookup.js';
import { matchUnknownRefunds } from './refund-match.js';
import type { RefundRunner } from './refunds.js';

export interface ResellerLogin {
  resellerId: string;
  userId: string;
  password: string;
}

export interface RefundCheckResult {
  ok: boolean;
  /** every period's report was read: "not found" is final */
  complete: boolean;
  message: string;
  /** refunds that were in doubt */
  checked: number;
  applied: Array<{ refundId: string; refundErsReference: string }>;
  notApplied: string[];
  stillUnknown: string[];
  periods: string[];
  resultCode?: number;
}

export interface RefundCheckDeps {
  store: Store;
  glase: GlaseApi;
  runner: RefundRunner;
  log: Logger;
  currency: string;
  nowIso: () => string;
  sleep: (ms: number) => Promise<void>;
  waits?: Partial<ReportWaits>;
  /** any answer (true) or transport fault (false) tells whether Glase is reachable */
  onReachability?: (reachable: boolean) => void;
}

export async function checkUnknownRefunds(d: RefundCheckDeps, login: ResellerLogin, by: string): Promise<RefundCheckResult> {
  const unknown = d.runner.unknown();
  const base = { checked: unknown.length, applied: [], notApplied: [], stillUnknown: unknown.map((u) => u.refundId), periods: [] };
  const done = (r: RefundCheckResult): RefundCheckResult => {
    d.store.audit.append(
      by,
      'refund-check',
      `checked=${r.checked} complete=${r.complete} applied=${r.applied.map((a) => a.refundId).join(',') || '-'} notApplied=${r.notApplied.join(',') || '-'} ` +
        `stillUnknown=${r.stillUnknown.join(',') || '-'} periods=${r.periods.join(',') || '-'}${r.resultCode !== undefined ? ` resultCode=${r.resultCode}` : ''}`,
      d.nowIso(),
    );
    return r;
  };
  if (unknown.length === 0) return { ...base, ok: true, complete: true, message: 'no refund is in doubt' };
  const creds = d.store.credentials.get();
  if (!creds) return done({ ...base, ok: false, complete: false, message: 'this till is not registered; it cannot read its reports' });
  const reseller: Principal = { type: 'RESELLERUSER', resellerId: login.resellerId, userId: login.userId, password: login.password };
  const reports = new PeriodReports({ glase: d.glase, periods: d.store.periods, reseller, currency: d.currency, nowIso: d.nowIso, sleep: d.sleep, waits: d.waits });
  const since = unknown.map((u) => u.createdAt).sort()[0];
  const rows: DetailRow[] = [];
  let complete = true;
  let periods: string[] = [];
  try {
    const mark = await reports.markTerminalPeriod(creds.terminalId, 'refund-check');
    d.onReachability?.(true);
    if (!mark.ok) return done({ ...base, ok: false, complete: false, resultCode: mark.code, message: `Glase refused to close the transaction period (code ${mark.code} ${mark.name}); check the reseller id, user and password` });
    const marked = d.store.periods.markedSince(since, creds.terminalId);
    periods = marked.map((p) => p.periodId);
    for (const p of marked) {
      const r = await reports.read(TERMINAL_DETAILS, p.periodId, creds.terminalId, p.periodId === mark.periodId);
      if (r.ok) rows.push(...r.report.details);
      else {
        complete = false;
        d.log.warn('a terminal report could not be read', { periodId: p.periodId, ...(r.reason === 'refused' ? { code: r.code } : { attempts: r.attempts }) });
      }
    }
  } catch (e) {
    if (!(e instanceof GlaseTransportError) && !(e instanceof ReportFormatError)) throw e;
    if (e instanceof GlaseTransportError && e.kind !== 'soap-fault') d.onReachability?.(false);
    d.log.warn('the unknown-refund check failed', { error: e });
    return done({ ...base, periods, ok: false, complete: false, message: e instanceof ReportFormatError ? `Glase's report could not be read: ${e.message}` : 'Glase cannot be reached; the refunds stay in doubt, check again later' });
  }
  const found = matchUnknownRefunds(unknown, rows, (ers) => isBooked(d.store, ers));
  const seenAt = d.nowIso();
  const applied: RefundCheckResult['applied'] = [];
  const notApplied: string[] = [];
  const stillUnknown: string[] = [];
  for (const u of unknown) {
    const ers = found.get(u.refundId);
    if (ers && d.runner.settle(u.refundId, { type: 'SETTLED_APPLIED', refundErsReference: ers, seenAt })) applied.push({ refundId: u.refundId, refundErsReference: ers });
    else if (!ers && complete && d.runner.settle(u.refundId, { type: 'SETTLED_NOT_APPLIED' })) notApplied.push(u.refundId);
    else stillUnknown.push(u.refundId);
  }
  const message = !complete
    ? `Glase's report is not complete yet${applied.length ? ` (${applied.length} refund(s) found and booked)` : ''}; the other refunds stay in doubt, check again in a minute`
    : `${applied.length} refund(s) went through and are booked; ${notApplied.length} never happened${notApplied.length ? ' and may be sent again' : ''}`;
  return done({ ok: true, complete, message, checked: unknown.length, applied, notApplied, stillUnknown, periods });
}
