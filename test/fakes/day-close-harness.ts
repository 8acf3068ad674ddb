// Day-close test helpers: Glase's terminal summary (006) and details (007) reports for a
// period, a fake Glase that marks periods and answers reports from a list of rows, and a
// close run on the simulated clock.
import { ok } from './fake-glase.js';
import type { Harness } from './till-harness.js';
import { LOGIN } from './refund-harness.js';
import type { DayCloseResult } from '../../src/till/index.js';

export const TERMINAL = '87e791f9e24148a6892c52aa85bb0331';

export function summaryXml(count: number, total: string, periodId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><TerminalTransactionSummary><Meta><ResellerId>shop1</ResellerId>' +
    `<TerminalId>${TERMINAL}</TerminalId><TransactionPeriodId>${periodId}</TransactionPeriodId><GeneratedAt>2026-11-29 11:00</GeneratedAt></Meta>` +
    `<Row><SalesCount>${count}</SalesCount><SalesTotal>${total}</SalesTotal></Row></TerminalTransactionSummary>`
  );
}

/** STD_RECON_007 with one row per [minor, ersReference, cashierId?] */
export function detailsXml(rows: GlaseRow[], periodId: string): string {
  const body = rows
    .map(([a, ers, cashier]) => `<Row><TerminalId>${TERMINAL}</TerminalId><CashierId>${cashier ?? 'NULL'}</CashierId><SalesAmount>${five(a)}</SalesAmount><ErsReference>${ers}</ErsReference></Row>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><TransactionDetails><Meta><ResellerId>shop1</ResellerId>' +
    `<TerminalId>${TERMINAL}</TerminalId><TransactionPeriodId>${periodId}</TransactionPeriodId><GeneratedAt>2026-11-29 11:00</GeneratedAt></Meta>${body}</TransactionDetails>`
  );
}

/** a row Glase reports: minor units, ersReference, cashier (absent: NULL) */
export type GlaseRow = [number, string, string?];

/** "12.50" minor → "12.50000" */
export const five = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}000`;

export interface WiredGlase {
  /** period ids handed out, in order */
  periods: string[];
  /** rows Glase has for each period (amount minor, ersReference) */
  rows: Map<string, GlaseRow[]>;
  /** answers REPORT_NOT_READY for this many executeReport calls first */
  notReady: number;
}

/** markTransactionPeriod gives a new period holding `pending` rows; executeReport answers from them. */
export function wireClose(h: Harness, pending: GlaseRow[] = [], notReady = 0): WiredGlase {
  const w: WiredGlase = { periods: [], rows: new Map(), notReady };
  let next = pending;
  h.glase.on('markTransactionPeriod', () => {
    const id = `2026112911000000000000${String(w.periods.length + 500).padStart(3, '0')}`;
    w.periods.push(id);
    w.rows.set(id, next);
    next = [];
    return ok({ transactionPeriodId: id });
  });
  h.glase.on('executeReport', (_p: unknown, reportId: string, _l: string, params: Record<string, string>) => {
    if (w.notReady > 0) {
      w.notReady--;
      return { ok: false, code: 2, name: 'REPORT_NOT_READY' };
    }
    const id = params.transactionPeriodId;
    const rows = w.rows.get(id) ?? [];
    const xml = reportId.endsWith('006.xml') ? summaryXml(rows.length, five(rows.reduce((s, [a]) => s + a, 0)), id) : detailsXml(rows, id);
    return ok({ report: { title: 'x', mimeType: 'text/html', contentString: xml } });
  });
  return w;
}

/** Starts a close and moves the simulated clock until it ends. */
export async function runClose(h: Harness, by = 'admin@kiosk', maxSteps = 400): Promise<DayCloseResult> {
  const p = h.till.closeDay(LOGIN, by);
  let done: DayCloseResult | undefined;
  void p.then((r) => (done = r));
  for (let i = 0; i < maxSteps && !done; i++) await h.advance(500);
  if (!done) throw new Error('the close did not finish');
  return done;
}
