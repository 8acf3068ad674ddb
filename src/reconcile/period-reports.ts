// Closing a terminal transaction period at Glase and reading its reports (facts §6.11):
// markTransactionPeriod with the TERMINALID parameter (else the terminal reports never become
// ready), wait, then executeReport, retrying REPORT_NOT_READY (2) with a growing, bounded
// wait. Every period marked is kept in the store, so later readers know what was closed.
// Reports are RESELLERUSER calls: the caller hands in the reseller principal (never stored).
import type { GlaseApi, Principal } from '../glase/types.js';
import type { PeriodsRepo } from '../store/periods.js';
import { parseReport, reportXml, type ParsedReport } from './report-xml.js';

export const TERMINAL_DETAILS = 'Reconciliation/STD_RECON_007.xml';
export const TERMINAL_SUMMARY = 'Reconciliation/STD_RECON_006.xml';

export interface ReportWaits {
  /** before the first executeReport after a mark (the docs: about 3 s) */
  firstMs: number;
  /** after each REPORT_NOT_READY: this, growing by `factor`, at most `maxMs` */
  retryMs: number;
  factor: number;
  maxMs: number;
  /** executeReport calls per report at most */
  attempts: number;
}

export const DEFAULT_WAITS: ReportWaits = { firstMs: 3_000, retryMs: 3_000, factor: 1.5, maxMs: 10_000, attempts: 6 };

export interface PeriodReportDeps {
  glase: Pick<GlaseApi, 'markTransactionPeriod' | 'executeReport'>;
  periods: PeriodsRepo;
  reseller: Principal;
  currency: string;
  nowIso: () => string;
  /** waits on the till's clock (simulated in tests) */
  sleep: (ms: number) => Promise<void>;
  waits?: Partial<ReportWaits>;
}

export type MarkResult = { ok: true; periodId: string } | { ok: false; code: number; name: string };
export type ReadResult =
  | { ok: true; report: ParsedReport; attempts: number }
  | { ok: false; reason: 'not-ready'; attempts: number }
  | { ok: false; reason: 'refused'; code: number; name: string };

export class PeriodReports {
  private readonly waits: ReportWaits;
  constructor(private readonly d: PeriodReportDeps) {
    this.waits = { ...DEFAULT_WAITS, ...d.waits };
  }

  /** Closes this terminal's current period; the new period id is stored before it is returned. */
  async markTerminalPeriod(terminalId: string, purpose: string): Promise<MarkResult> {
    const r = await this.d.glase.markTransactionPeriod(this.d.reseller, { TERMINALID: terminalId });
    if (!r.ok) return { ok: false, code: r.code, name: String(r.name) };
    this.d.periods.add({ periodId: r.transactionPeriodId, terminalId, markedAt: this.d.nowIso(), purpose });
    return { ok: true, periodId: r.transactionPeriodId };
  }

  /** Reads one report of a period; `fresh` = the period was just marked (wait first). */
  async read(reportId: string, periodId: string, terminalId: string, fresh: boolean, language = 'en'): Promise<ReadResult> {
    const w = this.waits;
    if (fresh) await this.d.sleep(w.firstMs);
    let wait = w.retryMs;
    for (let attempt = 1; ; attempt++) {
      const r = await this.d.glase.executeReport(this.d.reseller, reportId, language, { transactionPeriodId: periodId, TERMINALID: terminalId });
      if (r.ok) return { ok: true, report: parseReport(reportXml(r.report), this.d.currency), attempts: attempt };
      if (r.code !== 2) return { ok: false, reason: 'refused', code: r.code, name: String(r.name) };
      if (attempt >= w.attempts) return { ok: false, reason: 'not-ready', attempts: attempt };
      await this.d.sleep(wait);
      wait = Math.min(w.maxMs, Math.round(wait * w.factor));
    }
  }
}
