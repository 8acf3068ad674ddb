// Types of the day-close machine (Z): its input, context and the contract of each named actor
// the till runtime provides. Pure types; nothing here has effects or imports src/.

/** One transaction of Glase's details report (STD_RECON_007): amount in minor units, negative for a refund. */
export interface CloseDetailRow {
  terminalId?: string;
  cashierId?: string;
  amount: number;
  ersReference: string;
}

/** One line of Glase's summary report (STD_RECON_006): count and net total in minor units. */
export interface CloseSummaryRow {
  salesCount: number;
  salesTotal: number;
}

/** What Glase reported for one transaction period. */
export interface PeriodReport {
  periodId: string;
  summary: CloseSummaryRow[];
  details: CloseDetailRow[];
}

/** The waits of the report reading (facts §6.11: about 3 s first, retry 3–5 s). */
export interface CloseWaits {
  /** before the first executeReport after the mark */
  firstMs: number;
  /** after the first REPORT_NOT_READY; grows by `factor` up to `maxMs` */
  retryMs: number;
  factor: number;
  maxMs: number;
}

export type CloseReport = 'summary' | 'details';

export type MarkOutput = { ok: true; periodId: string; markedAt: string; periods: string[] } | { ok: false; code: number; name?: string };
export interface MarkInput {
  closeId: string;
  terminalId: string;
}
export type ReadOutput = { ok: true; summary: CloseSummaryRow[]; details: CloseDetailRow[] } | { ok: false; code: number; name?: string };
export interface ReadInput {
  closeId: string;
  terminalId: string;
  periodId: string;
  report: CloseReport;
  attempt: number;
}
export interface RecordInput {
  context: DayCloseContext;
}
export interface RecordOutput {
  zNumber: number;
  needsAttention: boolean;
  differences: number;
}
export interface PrintInput {
  closeId: string;
  zNumber: number;
}
export interface PrintOutput {
  jobId: number;
}

export type DayCloseResumeAt = 'mark' | 'read' | 'record' | 'print';

export interface DayCloseInput {
  closeId: string;
  terminalId: string;
  by: string;
  startedAt: string;
  /** executeReport calls per report at most (config dayClose.reportAttempts) */
  attemptLimit: number;
  waits: CloseWaits;
  resume?: { at: DayCloseResumeAt; context: DayCloseContext };
}

export interface DayCloseContext {
  closeId: string;
  terminalId: string;
  by: string;
  startedAt: string;
  attemptLimit: number;
  waits: CloseWaits;
  /** the period this close marked: once set, never marked again (a resume reads it) */
  periodId?: string;
  markedAt?: string;
  /** every period to read, oldest first: periods marked since the last Z (refund checks) and this one */
  periods: string[];
  /** the reports read so far, in the order of `periods` */
  reports: PeriodReport[];
  /** which report is read next: 2 × period index + (0 summary, 1 details) */
  readIndex: number;
  /** executeReport calls of the report being read */
  attempt: number;
  /** the wait after the next REPORT_NOT_READY */
  nextWaitMs: number;
  /** a mark was sent and its reply lost before this close marked its own period */
  markLost?: boolean;
  resultCode?: number;
  message: string;
  failure?: string;
  zNumber?: number;
  needsAttention?: boolean;
  differences?: number;
  printJobId?: number;
  notice?: string;
  resumed?: boolean;
  resumeAt?: DayCloseResumeAt;
}
