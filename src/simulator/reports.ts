// The STD_RECON reconciliation reports (facts §6.11), built from the simulator's own ledger.
// Pure: the transactions of the period in, the report XML out. A refund is a transaction
// with a negative amount; reversed payments are not in the ledger any more.
import { formatAmount } from '../lib/money.js';
import { esc } from './soap-write.js';

export interface Txn {
  terminalId: string;
  cashierId?: string;
  amountMinor: number; // negative for a refund
  currency: string;
  ersReference: string;
  at: number;
}

export interface ReportKind {
  number: string; // "001" … "007"
  root: string;
  scope: 'shop' | 'terminal';
  rows: 'total' | 'terminal' | 'cashier' | 'details';
}

export const REPORTS: Record<string, ReportKind> = {
  'Reconciliation/Shop.xml': { number: '001', root: 'ResellerTransactionSummary', scope: 'shop', rows: 'total' },
  'Reconciliation/STD_RECON_002.xml': { number: '002', root: 'TerminalTransactionSummary', scope: 'shop', rows: 'terminal' },
  'Reconciliation/STD_RECON_003.xml': { number: '003', root: 'TransactionDetails', scope: 'shop', rows: 'details' },
  'Reconciliation/STD_RECON_004.xml': { number: '004', root: 'CashierTransactionSummary', scope: 'shop', rows: 'cashier' },
  'Reconciliation/STD_RECON_006.xml': { number: '006', root: 'TerminalTransactionSummary', scope: 'terminal', rows: 'total' },
  'Reconciliation/STD_RECON_007.xml': { number: '007', root: 'TransactionDetails', scope: 'terminal', rows: 'details' },
};

/** Report amounts carry 5 decimals: 12.50 → "12.50000". */
export function amount5(minor: number, currency: string): string {
  const s = formatAmount(minor, currency);
  const dot = s.indexOf('.');
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  return (dot < 0 ? s + '.' : s) + '0'.repeat(5 - decimals);
}

const tag = (name: string, v: string | number) => `<${name}>${esc(String(v))}</${name}>`;

function generatedAt(now: number): string {
  return new Date(now).toISOString().slice(0, 16).replace('T', ' ');
}

function summaryRows(txns: Txn[], key: (t: Txn) => string, keyTag: string | undefined, currency: string): string {
  const groups = new Map<string, { count: number; total: number }>();
  for (const t of txns) {
    const g = groups.get(key(t)) ?? { count: 0, total: 0 };
    g.count++;
    g.total += t.amountMinor;
    groups.set(key(t), g);
  }
  if (groups.size === 0 && !keyTag) groups.set('', { count: 0, total: 0 });
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, g]) => `<Row>${keyTag ? tag(keyTag, k) : ''}${tag('SalesCount', g.count)}${tag('SalesTotal', amount5(g.total, currency))}</Row>`)
    .join('');
}

export function buildReport(
  kind: ReportKind,
  meta: { resellerId: string; terminalId?: string; transactionPeriodId: string; currency: string; now: number },
  txns: Txn[],
): string {
  const sorted = [...txns].sort((a, b) => a.at - b.at || a.ersReference.localeCompare(b.ersReference));
  const cashier = (t: Txn) => t.cashierId || 'NULL';
  let rows: string;
  if (kind.rows === 'total') rows = summaryRows(sorted, () => '', undefined, meta.currency);
  else if (kind.rows === 'terminal') rows = summaryRows(sorted, (t) => t.terminalId, 'TerminalId', meta.currency);
  else if (kind.rows === 'cashier') rows = summaryRows(sorted, cashier, 'CashierId', meta.currency);
  else {
    rows = sorted
      .map(
        (t) =>
          `<Row>${tag('TerminalId', t.terminalId)}${tag('CashierId', cashier(t))}` +
          `${tag('SalesAmount', amount5(t.amountMinor, t.currency))}${tag('ErsReference', t.ersReference)}</Row>`,
      )
      .join('');
  }
  const metaXml =
    '<Meta>' +
    tag('ResellerId', meta.resellerId) +
    (kind.scope === 'terminal' && meta.terminalId ? tag('TerminalId', meta.terminalId) : '') +
    tag('TransactionPeriodId', meta.transactionPeriodId) +
    tag('GeneratedAt', generatedAt(meta.now)) +
    '</Meta>';
  return `<?xml version="1.0" encoding="UTF-8"?><${kind.root}>${metaXml}${rows}</${kind.root}>`;
}

export function reportTitle(kind: ReportKind, periodId: string): string {
  return kind.number === '001' ? '' : `STD_RECON_${kind.number}_${periodId}.xml`;
}
