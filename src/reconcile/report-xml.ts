// Reads a reconciliation report (facts §6.11) into typed rows. Amounts come with 5 decimals
// ("-4.00000") and become exact integer minor units by string arithmetic (src/lib/money),
// never through a float; digits beyond the currency's decimals must be zeros. CashierId
// "NULL" means none. Used by the unknown-refund check and the day close alike.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { GlasePosError } from '../lib/errors.js';
import { AmountFormatError, parseAmount } from '../lib/money.js';
import type { Report } from '../glase/types.js';
import { ERS_REFERENCE_DIGITS, isErsReference } from '../../machines/ers-reference.js';

export class ReportFormatError extends GlasePosError {
  constructor(message: string, options?: ErrorOptions) {
    super('report.format', message, options);
  }
}

export interface ReportMeta {
  resellerId?: string;
  terminalId?: string;
  transactionPeriodId?: string;
  /** "yyyy-MM-dd HH:mm" as the server wrote it */
  generatedAt?: string;
}

/** One transaction (STD_RECON_003/007): a payment, or a refund with a negative amount. */
export interface DetailRow {
  terminalId?: string;
  cashierId?: string;
  /** minor units; negative for a refund */
  amount: number;
  ersReference: string;
}

/** One summary line (Shop.xml, 002, 004, 006), per terminal or cashier where the report groups. */
export interface SummaryRow {
  terminalId?: string;
  cashierId?: string;
  salesCount: number;
  /** minor units */
  salesTotal: number;
}

export interface ParsedReport {
  /** the root element: TransactionDetails, TerminalTransactionSummary, … */
  kind: string;
  meta: ReportMeta;
  details: DetailRow[];
  summaries: SummaryRow[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false, // amounts stay strings: never a float
  trimValues: true,
  isArray: (name) => name === 'Row',
});

/** The report's XML: contentString when given, else the base64 content. */
export function reportXml(report: Report | undefined): string {
  if (report?.contentString) return report.contentString;
  if (report?.content) return Buffer.from(report.content, 'base64').toString('utf8');
  throw new ReportFormatError('the report has neither contentString nor content');
}

export function parseReport(xml: string, currency: string): ParsedReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ReportFormatError(`the report is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    throw new ReportFormatError(`the report cannot be read: ${(e as Error).message}`, { cause: e });
  }
  const kind = Object.keys(doc).find((k) => k !== '?xml');
  if (!kind) throw new ReportFormatError('the report has no root element');
  const root = (doc[kind] ?? {}) as Record<string, unknown>;
  if (typeof root !== 'object') throw new ReportFormatError(`${kind} has no Meta or Row elements`);
  const meta = readMeta(root.Meta);
  const details: DetailRow[] = [];
  const summaries: SummaryRow[] = [];
  const rows = (root.Row ?? []) as unknown[];
  rows.forEach((raw, i) => {
    const at = `Row ${i + 1}`;
    if (raw === null || typeof raw !== 'object') throw new ReportFormatError(`${at}: must hold fields`);
    const r = raw as Record<string, unknown>;
    const terminalId = optText(r.TerminalId);
    const cashierId = cashier(r.CashierId);
    if ('SalesAmount' in r || 'ErsReference' in r) {
      const ersReference = optText(r.ErsReference);
      if (!ersReference || !isErsReference(ersReference)) throw new ReportFormatError(`${at}: ErsReference must be ${ERS_REFERENCE_DIGITS} digits`);
      details.push({ ...(terminalId ? { terminalId } : {}), ...(cashierId ? { cashierId } : {}), amount: money(r.SalesAmount, currency, `${at}: SalesAmount`), ersReference });
    } else {
      const count = optText(r.SalesCount);
      if (!count || !/^\d+$/.test(count)) throw new ReportFormatError(`${at}: SalesCount must be a whole number`);
      summaries.push({ ...(terminalId ? { terminalId } : {}), ...(cashierId ? { cashierId } : {}), salesCount: Number(count), salesTotal: money(r.SalesTotal, currency, `${at}: SalesTotal`) });
    }
  });
  return { kind, meta, details, summaries };
}

function readMeta(v: unknown): ReportMeta {
  if (v === null || typeof v !== 'object') return {};
  const m = v as Record<string, unknown>;
  const out: ReportMeta = {};
  for (const [field, tag] of [['resellerId', 'ResellerId'], ['terminalId', 'TerminalId'], ['transactionPeriodId', 'TransactionPeriodId'], ['generatedAt', 'GeneratedAt']] as const) {
    const t = optText(m[tag]);
    if (t) out[field] = t;
  }
  return out;
}

function optText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new ReportFormatError('a report field holds elements where text was expected');
  return v;
}

function cashier(v: unknown): string | undefined {
  const t = optText(v);
  return t === undefined || t === 'NULL' ? undefined : t;
}

function money(v: unknown, currency: string, where: string): number {
  const t = optText(v);
  if (!t) throw new ReportFormatError(`${where} is missing`);
  try {
    return parseAmount(t, currency);
  } catch (e) {
    if (e instanceof AmountFormatError) throw new ReportFormatError(`${where}: ${e.message}`, { cause: e });
    throw e;
  }
}
