// The Z report: what a finished day close found, as the store keeps it, the printer prints it,
// receipts.jsonl carries it and a back office receives it. Pure types; money in minor units.

export type DifferenceKind = 'missing-at-glase' | 'missing-at-till' | 'amount-differs' | 'cashier-differs' | 'refund-settled' | 'settled-outside' | 'summary-differs';

/** One difference between Glase's books and the till's, with the reason in an owner's words. */
export interface Difference {
  kind: DifferenceKind;
  /** the transaction's reference; absent for a summary difference */
  ersReference?: string;
  /** a payment settled outside the till (it has no reference of its own) */
  paymentId?: string;
  /** minor units as the till booked it (negative for a refund) */
  tillAmount?: number;
  /** minor units as Glase reported it */
  glaseAmount?: number;
  tillCashier?: string;
  glaseCashier?: string;
  /** the reason in English, as every close wrote it (back office, exports, older readers) */
  reason: string;
  /** the reason as a catalogue code (src/i18n z.reason.<code>), said in the shop's language when printed or shown; absent on closes stored before codes */
  reasonCode?: string;
  /** the code's parameters: amounts in minor units (the Z's currency), ids, names */
  reasonParams?: Record<string, string | number | null>;
  /** false for a difference that settled itself (a refund in doubt found and booked) */
  attention: boolean;
}

export interface Totals {
  payments: { count: number; total: number };
  /** total is negative (money going back) */
  refunds: { count: number; total: number };
  net: number;
}

export interface CashierTotals {
  /** absent: no cashier given */
  cashierId?: string;
  count: number;
  net: number;
}

export interface ZReport {
  /** consecutive per till, never reused */
  zNumber: number;
  closeId: string;
  terminalId: string;
  externalTerminalId?: string;
  /** the period this close marked at Glase */
  periodId: string;
  /** every period read (refund checks between two closes also mark periods), oldest first */
  periods: string[];
  /** the previous Z's end, absent for the first */
  periodStart?: string;
  /** when this close marked its period (UTC ISO) */
  periodEnd: string;
  closedAt: string;
  closedBy: string;
  currency: string;
  till: Totals;
  /** from STD_RECON_007 */
  glase: Totals;
  /** from STD_RECON_006: the count and net total Glase's summary gives */
  glaseSummary: { count: number; total: number };
  cashiers: CashierTotals[];
  verdict: 'matched' | 'needs-attention';
  differences: Difference[];
  /** the posts of this Z (ersReferences), so an export can name each transaction's Z */
  ersReferences: string[];
  /** payments an admin closed as settled outside the till (paymentIds), reconciled in this Z */
  settledOutside?: string[];
  /** a mark's reply was lost before this close: transactions may sit in a period the till never read */
  markLost?: boolean;
}

/** An admin looked at a "needs attention" close and acknowledged it (audited). */
export interface ZAcknowledgement {
  by: string;
  at: string;
  note?: string;
}
