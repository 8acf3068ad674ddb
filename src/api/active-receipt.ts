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

  set(b: ActiveReceiptInput): ActiveReceiptView {
    const { total, alreadyPaid = 0 } = b;
    this.cur = this.view(total, alreadyPaid, {
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

  private view(total: number, alreadyPaid: number, extra: Pick<ActiveReceiptView, 'rows' | 'cashierId' | 'title'>): ActiveReceiptView {
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
