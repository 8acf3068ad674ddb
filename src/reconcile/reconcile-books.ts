// Reconciliation of a day close: Glase's reports for the closed periods against the till's own
// books (its payment and refund posts not yet in a Z). Pure: rows and posts in, totals and
// every difference with its reason out. Money stays integer minor units throughout.
import type { PeriodReport } from '../../machines/day-close-types.js';
import type { CashierTotals, Difference, Totals } from '../../machines/z-report-types.js';
import { translator } from '../i18n/i18n.js';
import { zReason } from '../i18n/z-reason.js';
import { currencyExponent } from '../lib/money.js';

/** A booked transaction as reconciliation needs it (a payment's or a refund's post). */
export interface BookedTxn {
  ersReference: string;
  /** minor units, negative for a refund */
  amount: number;
  currency: string;
  cashierId?: string;
  /** when the till booked it (UTC ISO) */
  timestamp: string;
  description: string;
}

export interface BooksInput {
  reports: PeriodReport[];
  /** the till's posts not yet in any Z */
  posts: BookedTxn[];
  /** when this close's period was marked: a post booked later belongs to the next Z unless Glase has it here */
  markedAt: string;
  currency: string;
  /** refunds in doubt the close found in the report and booked now (refund ersReferences) */
  settledRefunds: string[];
  /** a mark's reply was lost before this close (its period was never read) */
  markLost?: boolean;
  /** payments an admin closed as settled outside the till while Glase was unreachable, not yet in a Z */
  settledOutside?: Array<{ paymentId: string; amount: number; by: string; note: string }>;
}

export interface BooksResult {
  till: Totals;
  glase: Totals;
  glaseSummary: { count: number; total: number };
  cashiers: CashierTotals[];
  differences: Difference[];
  /** the posts this Z takes */
  ersReferences: string[];
  /** the settled-outside payments this Z reconciled */
  settledOutside: string[];
}

export function totalsOf(amounts: number[]): Totals {
  const pay = amounts.filter((a) => a > 0);
  const ref = amounts.filter((a) => a < 0);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return { payments: { count: pay.length, total: sum(pay) }, refunds: { count: ref.length, total: sum(ref) }, net: sum(amounts) };
}

const english = translator('en', { decimals: currencyExponent });

/** A reason as its code and parameters, with the English text written once from the same catalogue entry. */
function because(code: string, params: Record<string, string | number | null>, currency: string): Pick<Difference, 'reason' | 'reasonCode' | 'reasonParams'> {
  return { reason: zReason(english, { reason: '', reasonCode: code, reasonParams: params }, currency), reasonCode: code, reasonParams: params };
}

export function reconcileBooks(b: BooksInput): BooksResult {
  const say = (code: string, params: Record<string, string | number | null>) => because(code, params, b.currency);
  const rows = b.reports.flatMap((r) => r.details);
  const byRef = new Map(b.posts.map((p) => [p.ersReference, p]));
  const seen = new Set<string>();
  const differences: Difference[] = [];
  const taken: BookedTxn[] = [];
  const settled = new Set(b.settledRefunds);
  const outside = [...(b.settledOutside ?? [])];

  for (const row of rows) {
    const post = byRef.get(row.ersReference);
    seen.add(row.ersReference);
    if (!post) {
      // a payment the admin closed as settled outside the till may be this one: same amount
      const i = row.amount > 0 ? outside.findIndex((o) => o.amount === row.amount) : -1;
      const o = i >= 0 ? outside.splice(i, 1)[0] : undefined;
      if (o) {
        differences.push({
          kind: 'settled-outside',
          ersReference: row.ersReference,
          paymentId: o.paymentId,
          glaseAmount: row.amount,
          ...say('paid-too', { glaseAmount: row.amount, paymentId: o.paymentId.slice(0, 8), by: o.by, note: o.note }),
          attention: true,
        });
        continue;
      }
      differences.push({
        kind: 'missing-at-till',
        ersReference: row.ersReference,
        glaseAmount: row.amount,
        ...(row.cashierId ? { glaseCashier: row.cashierId } : {}),
        ...(row.amount >= 0 ? say('missing-at-till-payment', { glaseAmount: row.amount }) : say('missing-at-till-refund', { amount: -row.amount })),
        attention: true,
      });
      continue;
    }
    taken.push(post);
    if (settled.has(row.ersReference)) {
      differences.push({ kind: 'refund-settled', ersReference: row.ersReference, tillAmount: post.amount, glaseAmount: row.amount, ...say('refund-settled', { amount: -row.amount }), attention: false });
    }
    if (post.amount !== row.amount) {
      differences.push({ kind: 'amount-differs', ersReference: row.ersReference, tillAmount: post.amount, glaseAmount: row.amount, ...say('amount-differs', { tillAmount: post.amount, glaseAmount: row.amount }), attention: true });
    }
    if (post.cashierId !== row.cashierId) {
      differences.push({
        kind: 'cashier-differs',
        ersReference: row.ersReference,
        ...(post.cashierId ? { tillCashier: post.cashierId } : {}),
        ...(row.cashierId ? { glaseCashier: row.cashierId } : {}),
        ...say('cashier-differs', { tillCashier: post.cashierId ?? null, glaseCashier: row.cashierId ?? null }),
        attention: true,
      });
    }
  }
  for (const post of b.posts) {
    if (seen.has(post.ersReference) || post.timestamp > b.markedAt) continue;
    taken.push(post);
    differences.push({
      kind: 'missing-at-glase',
      ersReference: post.ersReference,
      tillAmount: post.amount,
      ...(post.cashierId ? { tillCashier: post.cashierId } : {}),
      ...say(`missing-at-glase-${post.amount < 0 ? 'refund' : 'payment'}${b.markLost ? '-lost' : ''}`, { amount: Math.abs(post.amount) }),
      attention: true,
    });
  }

  for (const o of outside) {
    differences.push({
      kind: 'settled-outside',
      paymentId: o.paymentId,
      tillAmount: o.amount,
      ...say('never-took', { paymentId: o.paymentId.slice(0, 8), amount: o.amount, by: o.by, note: o.note }),
      attention: false,
    });
  }

  const summary = b.reports.flatMap((r) => r.summary).reduce((s, r) => ({ count: s.count + r.salesCount, total: s.total + r.salesTotal }), { count: 0, total: 0 });
  const glase = totalsOf(rows.map((r) => r.amount));
  if (summary.count !== rows.length || summary.total !== glase.net) {
    differences.push({
      kind: 'summary-differs',
      glaseAmount: summary.total,
      ...say('summary-differs', { summaryCount: summary.count, summaryTotal: summary.total, detailCount: rows.length, detailTotal: glase.net }),
      attention: true,
    });
  }

  const cashiers = new Map<string, CashierTotals>();
  for (const p of taken) {
    const key = p.cashierId ?? '';
    const c = cashiers.get(key) ?? { ...(p.cashierId ? { cashierId: p.cashierId } : {}), count: 0, net: 0 };
    c.count++;
    c.net += p.amount;
    cashiers.set(key, c);
  }
  return {
    till: totalsOf(taken.map((p) => p.amount)),
    glase,
    glaseSummary: summary,
    cashiers: [...cashiers.values()].sort((a, b2) => (a.cashierId ?? '').localeCompare(b2.cashierId ?? '')),
    differences,
    ersReferences: taken.map((p) => p.ersReference),
    settledOutside: (b.settledOutside ?? []).map((o) => o.paymentId),
  };
}
