// The host POS's active receipt, kept in memory only: the host POS owns it and pushes it again
// after a restart. A payment never reads it once started; it only links the payment so that a
// completed Glase part is booked against the receipt (alreadyPaid grows, or it is cleared).
import { displayAmount } from '../lib/money.js';
import type { PaymentView } from '../till/index.js';
import type { ActiveReceiptInput } from './schemas.js';

export interface ActiveReceiptView {
  total: number;
  alreadyPaid: number;
  /** total − alreadyPaid: what Glase may take at most */
  left: number;
  currency: string;
  totalText: string;
  alreadyPaidText: string;
  leftText: string;
  rows?: Array<{ description: string; quantity: string; amount: number }>;
  cashierId?: string;
  title?: string;
  /** grows on every change, so a screen can drop stale copies */
  version: number;
  /** the Glase payment started for this receipt and not finished yet */
  paymentId?: string;
  updatedAt: string;
}

export class ActiveReceipt {
  private cur: ActiveReceiptView | undefined;
  private version = 0;

  constructor(private readonly currency: string) {}

  get(): ActiveReceiptView | undefined {
    return this.cur;
  }

  /** Stores the pushed receipt; keepLink: it changed under its running payment (updateInvoice applied or in doubt). */
  set(b: ActiveReceiptInput, keepLink?: string): ActiveReceiptView {
    const { total, alreadyPaid = 0 } = b;
    this.cur = this.view(total, alreadyPaid, {
      ...(keepLink ? { paymentId: keepLink } : {}),
      ...(b.rows ? { rows: b.rows.map((r) => ({ description: r.description, quantity: r.quantity, amount: r.amount })) } : {}),
      ...(b.cashierId ? { cashierId: b.cashierId } : {}),
      ...(b.title ? { title: b.title } : {}),
    });
    return this.cur;
  }

  clear(): void {
    this.cur = undefined;
  }

  /** A payment started while this receipt was active is for it. */
  link(paymentId: string): void {
    if (this.cur) this.cur = { ...this.cur, paymentId, version: ++this.version };
  }

  /**
   * A payment ended. Completed and linked: its amount becomes already paid; nothing left
   * means the receipt is done and cleared. Any other end only drops the link.
   * Returns true when the receipt changed (publish it).
   */
  paymentEnded(p: PaymentView): boolean {
    const r = this.cur;
    if (!r || r.paymentId !== p.paymentId || !p.final) return false;
    const { paymentId: _drop, ...rest } = r;
    if (p.outcome !== 'completed') {
      this.cur = { ...rest, version: ++this.version };
      return true;
    }
    const paid = r.alreadyPaid + p.amount;
    if (paid >= r.total) this.cur = undefined;
    else this.cur = this.view(r.total, paid, { ...(r.rows ? { rows: r.rows } : {}), ...(r.cashierId ? { cashierId: r.cashierId } : {}), ...(r.title ? { title: r.title } : {}) });
    return true;
  }

  private view(total: number, alreadyPaid: number, extra: Pick<ActiveReceiptView, 'rows' | 'cashierId' | 'title' | 'paymentId'>): ActiveReceiptView {
    const c = this.currency;
    return {
      total,
      alreadyPaid,
      left: total - alreadyPaid,
      currency: c,
      totalText: displayAmount(total, c),
      alreadyPaidText: displayAmount(alreadyPaid, c),
      leftText: displayAmount(total - alreadyPaid, c),
      ...extra,
      version: ++this.version,
      updatedAt: new Date().toISOString(),
    };
  }
}

/**
 * The Glase part of a changed receipt while its payment runs: Glase is the last tender, so the
 * receipt's change of what is left moves the Glase amount by as much (a lowered Glase part
 * stays lowered by the same amount).
 */
export function changedGlaseAmount(glaseAmount: number, before: ActiveReceiptView, after: { total: number; alreadyPaid?: number }): number {
  return glaseAmount + (after.total - (after.alreadyPaid ?? 0) - before.left);
}

/**
 * Invoice rows for a Glase part of the receipt, which must sum to its amount: the receipt's rows
 * when they do; when Glase pays exactly what is left, the rows plus a negative "Already paid"
 * row (the spec allows balancing rows for other payments); otherwise none (one row, the title).
 * The kiosk screen's sale.js builds the same rows for a new payment.
 */
export function glaseRowsOf(r: { total: number; alreadyPaid?: number; rows?: ReadonlyArray<{ description: string; quantity: string; amount: number }> }, amount: number) {
  if (!r.rows?.length) return undefined;
  const rows = r.rows.map((x) => ({ description: x.description, quantity: x.quantity, amount: x.amount }));
  const sum = rows.reduce((n, x) => n + x.amount, 0);
  const paid = r.alreadyPaid ?? 0;
  if (sum === amount) return rows;
  if (sum === r.total && paid > 0 && amount === r.total - paid) return [...rows, { description: 'Already paid', quantity: '1', amount: -paid }];
  return undefined;
}
