// The Glase account of a till for a date range (issue 12 "Export"): every payment and refund it
// booked, with its references, amount, cashier and the Z it went into. Pure: posts in, rows and
// their CSV out. Dates are the shop's local dates of the booking (YYYY-MM-DD, inclusive).
import { formatAmount } from '../lib/money.js';

export interface ExportPost {
  ersReference: string;
  amount: number;
  currency: string;
  description: string;
  timestamp: string;
  cashierId?: string;
  terminalId?: string;
  clientInvoiceId?: string;
  invoiceReference?: string;
  originalErsReference?: string;
}

export interface ExportRow {
  date: string;
  time: string;
  kind: 'payment' | 'refund';
  ersReference: string;
  originalErsReference: string;
  invoiceReference: string;
  clientInvoiceId: string;
  /** minor units, negative for a refund */
  amount: number;
  /** decimal text, e.g. "-4.00" */
  amountText: string;
  currency: string;
  cashierId: string;
  terminalId: string;
  /** the Z it went into; null while no close took it */
  zNumber: number | null;
}

/** The local date (YYYY-MM-DD) of an instant in the given zone (the machine's when absent). */
export function localDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function exportRows(posts: ExportPost[], zOf: (ers: string) => number | undefined, from: string, to: string, timeZone?: string): ExportRow[] {
  return posts
    .map((p) => ({ p, date: localDate(p.timestamp, timeZone) }))
    .filter(({ date }) => date >= from && date <= to)
    .sort((a, b) => a.p.timestamp.localeCompare(b.p.timestamp))
    .map(({ p, date }) => ({
      date,
      time: p.timestamp,
      kind: p.amount < 0 ? 'refund' : 'payment',
      ersReference: p.ersReference,
      originalErsReference: p.originalErsReference ?? '',
      invoiceReference: p.invoiceReference ?? '',
      clientInvoiceId: p.clientInvoiceId ?? '',
      amount: p.amount,
      amountText: formatAmount(p.amount, p.currency),
      currency: p.currency,
      cashierId: p.cashierId ?? '',
      terminalId: p.terminalId ?? '',
      zNumber: zOf(p.ersReference) ?? null,
    }));
}

const COLUMNS: Array<keyof ExportRow> = ['date', 'time', 'kind', 'ersReference', 'originalErsReference', 'invoiceReference', 'clientInvoiceId', 'amountText', 'currency', 'cashierId', 'terminalId', 'zNumber'];

/** RFC 4180 CSV with a header line; a field with a comma, quote or line break is quoted. */
export function toCsv(rows: ExportRow[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // a leading = + - @ would be a formula in a spreadsheet: prefix it (refund amounts stay numbers as text)
    const safe = /^[=+@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = COLUMNS.map((c) => (c === 'amountText' ? 'amount' : c)).join(',');
  return [header, ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
