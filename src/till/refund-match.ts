// Which report row is which unknown refund. A refund this till sent but never heard back about
// shows in the terminal's transaction details as a negative row of its amount, under a new
// ersReference this till has never booked. Oldest unknown refund first; each row settles one.
import type { DetailRow } from '../reconcile/report-xml.js';

export interface UnknownRefund {
  refundId: string;
  /** positive minor units */
  amount: number;
}

/** refundId → the refund's ersReference found in the rows */
export function matchUnknownRefunds(unknown: UnknownRefund[], rows: DetailRow[], booked: (ersReference: string) => boolean): Map<string, string> {
  const seen = new Set<string>();
  const candidates = rows.filter((r) => {
    if (r.amount >= 0 || booked(r.ersReference) || seen.has(r.ersReference)) return false;
    seen.add(r.ersReference);
    return true;
  });
  const found = new Map<string, string>();
  for (const u of unknown) {
    const i = candidates.findIndex((c) => -c.amount === u.amount);
    if (i < 0) continue;
    found.set(u.refundId, candidates[i].ersReference);
    candidates.splice(i, 1);
  }
  return found;
}
